'use strict';
// The class's live grid. Every text a student sent (names, check names, hints) goes into the
// page through textContent or the title property, never innerHTML: a student called <script>
// is shown as those eight characters. The page loads nothing from anywhere else (the server's
// Content-Security-Policy allows only this origin) and gets the class as server-sent events.
(() => {
  const TEXTS = {
    en: {
      title: 'Serverless Chat Lab · class progress', student: 'student', lastReport: 'last report',
      passed: 'passed', failed: 'failed', todo: 'stopped at a TODO', error: 'could not run', none: 'not yet',
      empty: 'No student has joined yet. Each student runs: ./lab class join URL --code CODE --name NAME',
      open: 'live', connecting: 'connecting…', reconnecting: 'reconnecting…', step: 'step',
      seen: (target, prefix, kit) => `target ${target}, prefix ${prefix}, kit ${kit}`,
    },
    ko: {
      title: 'Serverless Chat Lab · 수업 진행 상황', student: '학생', lastReport: '마지막 보고',
      passed: '통과', failed: '실패', todo: 'TODO에서 멈춤', error: '실행하지 못함', none: '아직',
      empty: '아직 참여한 학생이 없습니다. 학생마다 실행: ./lab class join URL --code CODE --name 이름',
      open: '실시간', connecting: '연결 중…', reconnecting: '다시 연결 중…', step: '단계',
      seen: (target, prefix, kit) => `대상 ${target}, 접두사 ${prefix}, 키트 ${kit}`,
    },
  };
  const SYMBOLS = { passed: '✔', failed: '✘', error: '✘', todo: '…', none: '·' };
  const lang = document.documentElement.lang === 'ko' ? 'ko' : 'en';
  const t = TEXTS[lang];

  let columns = [];
  const students = new Map();

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function time(iso) {
    return iso ? new Date(iso).toLocaleTimeString(lang === 'ko' ? 'ko-KR' : 'en-GB') : '';
  }

  function allColumns() {
    const numbers = new Map(columns.map(column => [column.number, column]));
    for (const student of students.values()) {
      for (const [number, entry] of Object.entries(student.steps || {})) {
        if (!numbers.has(Number(number))) numbers.set(Number(number), { number: Number(number), title: entry.report.title });
      }
    }
    return [...numbers.values()].sort((a, b) => a.number - b.number);
  }

  /** What hovering a cell shows: the failing checks and their hints, or why the step did not finish. */
  function explanation(entry) {
    const report = entry.report;
    const lines = [`${t.step} ${report.step}: ${t[report.outcome] || report.outcome} · ${time(entry.receivedAt)}`];
    for (const result of report.results || []) {
      if (result.status === 'FAIL') lines.push(`✘ ${result.name}\n   → ${result.detail}`);
    }
    if (report.message) lines.push(report.message);
    lines.push(t.seen(report.target, report.prefix, entry.kit));
    return lines.join('\n');
  }

  function cell(entry, number) {
    const td = element('td', undefined, 'cell');
    td.dataset.step = String(number);
    const outcome = entry ? entry.report.outcome : 'none';
    td.dataset.state = outcome;
    td.append(element('span', SYMBOLS[outcome] || '?', 'symbol'));
    if (entry) {
      td.append(element('small', time(entry.receivedAt)));
      td.title = explanation(entry);
    } else {
      td.title = t.none;
    }
    return td;
  }

  function render() {
    const shown = allColumns();
    const head = document.getElementById('columns');
    head.replaceChildren(element('th', t.student), ...shown.map(column => {
      const th = element('th', String(column.number));
      th.append(element('small', column.title));
      th.title = column.title;
      return th;
    }), element('th', t.lastReport));

    const rows = [...students.values()].sort((a, b) => a.name.localeCompare(b.name, lang));
    document.getElementById('students').replaceChildren(...rows.map(student => {
      const tr = element('tr');
      tr.dataset.student = student.name;
      tr.append(element('td', student.name, 'name'));
      for (const column of shown) tr.append(cell((student.steps || {})[column.number], column.number));
      tr.append(element('td', time(student.lastReport), 'seen'));
      return tr;
    }));

    document.getElementById('totals').replaceChildren(element('td', `${rows.length}`), ...shown.map(column => {
      const passed = rows.filter(student => ((student.steps || {})[column.number] || { report: {} }).report.outcome === 'passed').length;
      return element('td', `${t.passed} ${passed}/${rows.length}`);
    }), element('td'));
    document.getElementById('empty').textContent = rows.length === 0 ? t.empty : '';
  }

  function connection(state) {
    const status = document.getElementById('connection');
    status.dataset.state = state;
    status.textContent = t[state];
  }

  document.title = t.title;
  document.getElementById('title').textContent = t.title;
  connection('connecting');
  render();

  // EventSource reconnects by itself; the server then sends the whole class again.
  const events = new EventSource('api/events');
  events.addEventListener('class', message => {
    const view = JSON.parse(message.data);
    columns = view.steps;
    students.clear();
    for (const student of view.students) students.set(student.name.toLowerCase(), student);
    connection('open');
    render();
  });
  events.addEventListener('student', message => {
    const student = JSON.parse(message.data);
    students.set(student.name.toLowerCase(), student);
    render();
  });
  events.addEventListener('error', () => connection('reconnecting'));
})();
