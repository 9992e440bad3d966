@echo off
rem The Serverless Chat Lab launcher for Windows (cmd.exe, PowerShell). Needs only a JDK 17+.
rem   lab up       build the kit if needed, start the local cloud, run every step
rem   lab test     run the kit's whole test suite
setlocal enabledelayedexpansion
set "LAB_HOME=%~dp0"
if "%LAB_HOME:~-1%"=="\" set "LAB_HOME=%LAB_HOME:~0,-1%"
if not defined LAB_STATE_DIR set "LAB_STATE_DIR=%LAB_HOME%\.lab"

set "JAVA=java"
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "JAVA=%JAVA_HOME%\bin\java.exe"
"%JAVA%" -version >nul 2>&1
if errorlevel 1 (
  echo lab: no Java found. Install a JDK 17 or newer ^(e.g. Temurin^) and run lab again. 1>&2
  exit /b 2
)

rem The whole suite in Maven's reactor, one module after another (./lab test runs the modules' suites at once).
if /i "%~1"=="test" (
  shift
  cd /d "%LAB_HOME%"
  call mvnw.cmd -B --no-transfer-progress install
  exit /b !errorlevel!
)

rem Build when the launcher was never built; "lab build" rebuilds after a change to the kit's sources.
if /i "%~1"=="build" del /q "%LAB_STATE_DIR%\build.stamp" >nul 2>&1
if not exist "%LAB_STATE_DIR%\build.stamp" (
  echo lab: building the kit with the Maven wrapper ^(the first time takes a few minutes^)... 1>&2
  if not exist "%LAB_STATE_DIR%" mkdir "%LAB_STATE_DIR%"
  pushd "%LAB_HOME%"
  rem Neither compiles the tests nor analyses dependencies: both are for "lab test", not for a student's up.
  call mvnw.cmd -q -B install -Dmaven.test.skip=true -Dmdep.analyze.skip=true
  if errorlevel 1 ( popd & exit /b 2 )
  popd
  type nul > "%LAB_STATE_DIR%\build.stamp"
)
if /i "%~1"=="build" exit /b 0

"%JAVA%" -cp "%LAB_HOME%\cli\target\classes;%LAB_HOME%\cli\target\lib\*" dev.chatlab.cli.LabCli %*
exit /b %errorlevel%
