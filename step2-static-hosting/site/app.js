/*
 * Serverless Chat Lab: the web client. Plain JavaScript, no build step, no libraries.
 *
 * How it talks to the backend (see PROTOCOL.md):
 *   - live:    WebSocket  <webSocketUrl>?roomId=..&nickname=..   (API Gateway -> Lambda)
 *              sends {"action":"sendMessage","roomId":..,"text":..}
 *              gets  {"type":"message",...} and {"type":"error","code":..,"message":..}
 *   - history: GET <restUrl>/rooms/<roomId>/messages?limit=50&before=<nextBefore>
 * Both URLs come from window.CHAT_CONFIG, which config.js sets (step 8 publishes it).
 *
 * Hooks for automated browser tests (keep them stable):
 *   #not-configured      shown while config.js has no usable window.CHAT_CONFIG
 *   #join-form           inputs #room and #nickname, one button[type=submit];
 *                        /rooms/<roomId> pre-fills #room; errors in #room-error, #nickname-error
 *   #connection-status   data-state = connecting | open | reconnecting | closed
 *   #messages            one <li data-message-id="..."> per message, with .nickname, .text and
 *                        <time datetime="ISO">; data-own="true" on messages with your nickname
 *   #load-older          visible while older history remains (nextBefore is not null)
 *   #composer            #message-input and one button[type=submit] (#send-button), enabled when
 *                        connected and the text is 1-2000 characters
 *   #chat-error          role=alert banner; data-code = the error frame's code (bad_request,
 *                        not_in_room, unknown_action) or handshakeRefused | gaveUp | historyFailed
 *   #leave-button, #lang-toggle, #retry-button
 */
import { t, toggleLanguage, applyTexts, safeStorage, language } from '/i18n.js';

// PROTOCOL.md's rules, checked here too: the user learns at once, not from a refused handshake.
const ROOM_ID = /^[A-Za-z0-9_-]{1,64}$/;
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;
const NICKNAME_MAX = 32;
const TEXT_MAX = 2000;
const COUNTER_FROM = 1800;        // the counter only appears near the limit
const HISTORY_PAGE = 50;
const GAP_PAGES_MAX = 5;          // after a reconnect, page back at most this far to fill the gap
const BACKOFF_FIRST_MS = 500;
const BACKOFF_MAX_MS = 10_000;
const STABLE_MS = 10_000;         // a connection open this long resets the backoff
const ATTEMPTS_MAX = 10;          // failed reconnects in a row (roughly a minute) before giving up
const NICKNAME_KEY = 'chatlab.nickname';

const $ = (id) => document.getElementById(id);
const config = readConfig();
// undefined = the reader's own locale, whatever language the labels are in.
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dayTimeFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' });

/**
 * The room we are in (a "visit"), or null. A socket or request checks `visit === session`
 * before it touches the page: an answer that arrives after leaving belongs to an old visit.
 */
let session = null;

/** window.CHAT_CONFIG from config.js, or null while it is missing or incomplete (before step 8). */
function readConfig() {
  const { restUrl, webSocketUrl } = window.CHAT_CONFIG || {};
  if (typeof restUrl !== 'string' || !restUrl || typeof webSocketUrl !== 'string' || !webSocketUrl) return null;
  // A trailing slash would make ".../dev//rooms/...", which API Gateway does not route.
  return { restUrl: restUrl.replace(/\/+$/, ''), webSocketUrl: webSocketUrl.replace(/\/+$/, '') };
}

function start() {
  applyTexts();
  $('lang-toggle').addEventListener('click', () => { toggleLanguage(); markToggleLanguage(); });
  markToggleLanguage();
  if (!config) {
    $('opened-path').textContent = location.pathname;
    show('not-configured');
    return;
  }
  $('join-form').addEventListener('submit', onJoinSubmit);
  $('composer').addEventListener('submit', onComposerSubmit);
  $('message-input').addEventListener('input', updateComposer);
  $('message-input').addEventListener('keydown', onComposerKey);
  $('leave-button').addEventListener('click', onLeave);
  $('load-older').addEventListener('click', loadOlder);
  $('retry-button').addEventListener('click', retry);
  $('dismiss-error').addEventListener('click', () => hideError());
  $('jump-latest').addEventListener('click', scrollToBottom);
  $('scroller').addEventListener('scroll', () => { if (isAtBottom()) $('jump-latest').hidden = true; });
  window.addEventListener('popstate', onPopState);
  // Back online: reconnect now instead of waiting for the backoff timer.
  window.addEventListener('online', () => { if (session?.retryTimer) connect(session); });
  showJoin(roomFromPath(location.pathname));
}

/** The toggle names the other language in that language: its lang lets a screen reader say it right. */
function markToggleLanguage() {
  $('lang-toggle').lang = language() === 'ko' ? 'en' : 'ko';
}

/** Shows one of the three views; the room header only belongs to the chat. */
function show(view) {
  for (const id of ['not-configured', 'join-view', 'chat-view']) $(id).hidden = id !== view;
  for (const id of ['room-title', 'leave-button', 'connection-status']) $(id).hidden = view !== 'chat-view';
}

/** Sets an element's text from a label key, and remembers the key so that a language switch redraws it. */
function setText(element, key) {
  element.dataset.i18n = key;
  element.textContent = t(key);
}

// ---- joining and leaving -------------------------------------------------------------------

/** "/rooms/general" → "general": a deep link, which S3 answers with the error document (this page). */
function roomFromPath(path) {
  const match = /^\/rooms\/([A-Za-z0-9_-]{1,64})\/?$/.exec(path);
  return match ? match[1] : '';
}

function showJoin(roomId) {
  show('join-view');
  document.title = 'Serverless Chat';
  if (roomId) $('room').value = roomId;
  $('nickname').value ||= safeStorage(() => localStorage.getItem(NICKNAME_KEY)) || '';
  $(!$('room').value ? 'room' : !$('nickname').value ? 'nickname' : 'join-button').focus();
}

/** Characters as the server counts them (code points): an emoji is one, not two. */
function length(text) {
  return [...text].length;
}

function nicknameProblem(nickname) {
  if (!nickname) return 'nicknameEmpty';
  if (length(nickname) > NICKNAME_MAX) return 'nicknameTooLong';
  return CONTROL_CHARACTERS.test(nickname) ? 'nicknameControl' : '';
}

function showFieldError(field, key) {
  setText($(`${field}-error`), key);
  $(field).setAttribute('aria-invalid', String(Boolean(key)));
}

function onJoinSubmit(event) {
  event.preventDefault();
  const roomId = $('room').value.trim();
  const nickname = $('nickname').value.trim();
  const roomError = ROOM_ID.test(roomId) ? '' : 'roomInvalid';
  const nicknameError = nicknameProblem(nickname);
  showFieldError('room', roomError);
  showFieldError('nickname', nicknameError);
  if (roomError || nicknameError) {
    $(roomError ? 'room' : 'nickname').focus();
    return;
  }
  safeStorage(() => localStorage.setItem(NICKNAME_KEY, nickname));
  // The address becomes a link to the room that can be shared (and reloaded).
  if (location.pathname !== `/rooms/${roomId}`) history.pushState(null, '', `/rooms/${roomId}`);
  join(roomId, nickname);
}

function join(roomId, nickname) {
  leaveRoom();
  session = {
    roomId, nickname,
    socket: null,
    messageIds: new Set(),  // what we show already: history and live frames overlap
    olderCursor: null,      // nextBefore of the oldest page loaded
    historyLoaded: false,
    everOpened: false,
    attempts: 0,            // connections in a row that failed or did not last
    retryTimer: null,
    lastSent: '',
  };
  $('messages').replaceChildren();
  $('room-name').textContent = roomId;
  document.title = `#${roomId} · Serverless Chat`;
  hideError();
  show('chat-view');
  updateView();
  connect(session);
  loadHistory(session);
  $('message-input').focus();
}

/** Ends the visit: no more reconnects; the normal close lets $disconnect remove us from the room. */
function leaveRoom() {
  if (!session) return;
  clearTimeout(session.retryTimer);
  session.socket?.close(1000);
  session = null;
  setStatus('closed');
}

function onLeave() {
  leaveRoom();
  history.pushState(null, '', '/');
  showJoin('');
}

/** Back and forward buttons: the address says which room (if any) we should be in. */
function onPopState() {
  const roomId = roomFromPath(location.pathname);
  if (session?.roomId === roomId) return;
  leaveRoom();
  showJoin(roomId);
}

// ---- the WebSocket: connect, reconnect, frames ---------------------------------------------

/** Opens the room's WebSocket; the $connect function reads roomId and nickname from the query. */
function connect(visit) {
  clearTimeout(visit.retryTimer);
  visit.retryTimer = null;
  setStatus(visit.everOpened ? 'reconnecting' : 'connecting');
  const query = new URLSearchParams({ roomId: visit.roomId, nickname: visit.nickname });
  let socket;
  try {
    socket = new WebSocket(`${config.webSocketUrl}?${query}`);
  } catch (error) { // a malformed webSocketUrl in config.js
    setStatus('closed');
    showError('handshakeRefused', { kind: 'connection', detail: error.message, retry: true });
    return;
  }
  visit.socket = socket;
  let openedAt = 0;
  socket.onopen = () => {
    if (visit !== session) return;
    openedAt = Date.now();
    visit.everOpened = true;
    hideError('connection');
    setStatus('open');
    // Messages sent while we were not in the room (before a reconnect, or after the first
    // history page was read) reached nobody here: the history has them.
    if (visit.historyLoaded) loadHistory(visit);
  };
  socket.onmessage = (event) => { if (visit === session) onFrame(event.data); };
  socket.onclose = () => { if (visit === session && visit.socket === socket) onClosed(visit, openedAt); };
}

/**
 * A closed socket. The browser does not tell why a handshake failed: a refused $connect (400)
 * and an unreachable server look the same. So the first connection of a visit is not retried
 * (the user sees the error and a button); a connection that worked before is, with backoff.
 */
function onClosed(visit, openedAt) {
  visit.attempts = openedAt && Date.now() - openedAt >= STABLE_MS ? 1 : visit.attempts + 1;
  if (!visit.everOpened || visit.attempts > ATTEMPTS_MAX) {
    setStatus('closed');
    const key = visit.everOpened ? 'gaveUp' : 'handshakeRefused';
    showError(key, { kind: 'connection', retry: true });
    return;
  }
  setStatus('reconnecting');
  visit.retryTimer = setTimeout(() => connect(visit), backoff(visit.attempts - 1));
}

/**
 * Exponential backoff with jitter: 0.5 s, 1 s, 2 s ... capped at 10 s, each randomized
 * between half and all of it, so that a room full of clients does not come back at once.
 */
function backoff(attempt) {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** attempt);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/** The "Try again" button: reconnects if closed (its onopen fills the gap), reloads the history if it failed. */
function retry() {
  const visit = session;
  const closed = !visit.socket || visit.socket.readyState === WebSocket.CLOSED;
  hideError();
  if (closed) {
    visit.attempts = 0;
    connect(visit);
  }
  if (!closed || !visit.historyLoaded) loadHistory(visit);
}

function setStatus(state) {
  $('connection-status').dataset.state = state;
  setText($('connection-label'), state);
  updateComposer();
}

function isOpen() {
  return session?.socket?.readyState === WebSocket.OPEN;
}

function onFrame(data) {
  let frame;
  try {
    frame = JSON.parse(data);
  } catch {
    return; // not a frame of PROTOCOL.md: nothing to show
  }
  if (frame?.type === 'message' && frame.roomId === session.roomId) addMessages([frame]);
  if (frame?.type === 'error') onErrorFrame(frame);
}

/** The server refused our last frame: say why, and give the text back to fix or resend. */
function onErrorFrame(frame) {
  const known = ['bad_request', 'not_in_room', 'unknown_action'].includes(frame.code);
  showError(known ? `error_${frame.code}` : 'error_other', { code: String(frame.code), detail: String(frame.message ?? '') });
  if (!$('message-input').value) {
    $('message-input').value = session.lastSent;
    updateComposer();
  }
  // Our connection is no longer in ChatUsers; a new connection's $connect puts us back.
  if (frame.code === 'not_in_room') session.socket.close(4000, 'rejoin');
}

// ---- history (REST) ------------------------------------------------------------------------

/** GET <restUrl>/rooms/<roomId>/messages: one page, oldest first, and the cursor to the page before. */
async function fetchPage(roomId, before) {
  const query = new URLSearchParams({ limit: String(HISTORY_PAGE) });
  if (before) query.set('before', before);
  const response = await fetch(`${config.restUrl}/rooms/${roomId}/messages?${query}`);
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    throw new Error(`HTTP ${response.status}${body.error || body.message ? `: ${body.error || body.message}` : ''}`);
  }
  return response.json();
}

/**
 * The first call reads the newest page and keeps its cursor for "load older". Later calls
 * (after a reconnect) fill the gap: they page back until they meet a message we show
 * already (at most GAP_PAGES_MAX pages), and leave the cursor alone.
 */
async function loadHistory(visit) {
  const fillGap = visit.historyLoaded;
  const list = $('messages');
  list.setAttribute('aria-busy', 'true'); // do not read a whole page of old messages aloud
  try {
    let before = null;
    for (let page = 0; page < GAP_PAGES_MAX; page++) {
      const answer = await fetchPage(visit.roomId, before);
      if (visit !== session) return;
      const overlaps = answer.messages.some((message) => visit.messageIds.has(message.messageId));
      if (!fillGap) {
        visit.olderCursor = answer.nextBefore;
        visit.historyLoaded = true;
      }
      addMessages(answer.messages);
      if (!fillGap || overlaps || !answer.nextBefore) break;
      before = answer.nextBefore;
    }
    hideError('history');
  } catch (error) {
    if (visit === session) showError('historyFailed', { kind: 'history', detail: error.message, retry: true });
  } finally {
    list.setAttribute('aria-busy', 'false');
    if (visit === session) updateView();
  }
}

async function loadOlder() {
  const visit = session;
  const button = $('load-older');
  button.disabled = true;
  setText(button, 'loading');
  try {
    const answer = await fetchPage(visit.roomId, visit.olderCursor);
    if (visit !== session) return;
    visit.olderCursor = answer.nextBefore;
    addMessages(answer.messages, { older: true });
  } catch (error) {
    showError('historyFailed', { kind: 'history', detail: error.message });
  } finally {
    button.disabled = false;
    setText(button, 'loadOlder');
    updateView();
  }
}

// ---- the message list ----------------------------------------------------------------------

/** Same order as the table's sortKey: sentAt (13 digits), then messageId. */
function sortKey(message) {
  return `${String(message.sentAt).padStart(13, '0')}#${message.messageId}`;
}

/**
 * Adds messages we do not show yet, each at its place in time (history and live frames arrive
 * in any order). Follows the newest message if the reader was at the bottom; otherwise keeps
 * what they are reading in place.
 */
function addMessages(messages, { older = false } = {}) {
  const list = $('messages');
  const scroller = $('scroller');
  const followNewest = !older && isAtBottom(); // older ones were asked for: stay where they appear
  const anchor = [...list.children].find((item) => item.offsetTop + item.offsetHeight > scroller.scrollTop);
  const anchorOffset = anchor ? anchor.offsetTop - scroller.scrollTop : 0;
  let newestAdded = false;
  for (const message of messages) {
    if (!isWellFormed(message) || session.messageIds.has(message.messageId)) continue;
    session.messageIds.add(message.messageId);
    const item = renderMessage(message);
    let next = null;
    for (let other = list.lastElementChild; other && other.dataset.sortKey > item.dataset.sortKey; other = other.previousElementSibling) {
      next = other;
    }
    list.insertBefore(item, next);
    newestAdded ||= next === null;
  }
  updateView(); // before scrolling: "load older" and the empty-room note change the height too
  if (followNewest) scrollToBottom();
  else if (anchor) scroller.scrollTop = anchor.offsetTop - anchorOffset;
  if (newestAdded && !followNewest) $('jump-latest').hidden = false;
}

function isWellFormed(message) {
  return typeof message?.messageId === 'string' && typeof message.nickname === 'string'
    && typeof message.text === 'string' && Number.isFinite(message.sentAt);
}

/**
 * One message as DOM nodes. User data only ever goes in through textContent, so
 * "<img src=x onerror=alert(1)>" shows as those characters and never becomes HTML.
 */
function renderMessage(message) {
  const own = message.nickname === session.nickname;  // the protocol has no user ids: same nickname = you
  const item = node('li', own ? 'message own' : 'message');
  item.dataset.messageId = message.messageId;
  item.dataset.sortKey = sortKey(message);
  if (own) item.dataset.own = 'true';
  const meta = node('div', 'meta');
  meta.append(node('span', 'nickname', message.nickname), timeOf(message.sentAt));
  item.append(meta, node('p', 'text', message.text));
  return item;
}

function node(tag, className, text) {
  const element = document.createElement(tag);
  element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

/** "14:05" today, "Nov 24, 14:05" before; the full date on hover; all in the reader's locale. */
function timeOf(sentAt) {
  const date = new Date(sentAt);
  const today = date.toDateString() === new Date().toDateString();
  const time = node('time', 'time', (today ? timeFormat : dayTimeFormat).format(date));
  time.dateTime = date.toISOString();
  time.title = fullFormat.format(date);
  return time;
}

function isAtBottom() {
  const scroller = $('scroller');
  return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 48;
}

function scrollToBottom() {
  $('scroller').scrollTop = $('scroller').scrollHeight;
  $('jump-latest').hidden = true;
}

/** The parts of the chat view that follow the state: empty-room note, "load older", composer. */
function updateView() {
  if (!session) return;
  $('empty-room').hidden = !session.historyLoaded || session.messageIds.size > 0;
  $('load-older').hidden = !session.olderCursor;
  updateComposer();
}

// ---- composing -----------------------------------------------------------------------------

/** Enter sends, Shift+Enter is a new line. While an IME composes (Korean), Enter only ends the syllable. */
function onComposerKey(event) {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
    event.preventDefault();
    $('composer').requestSubmit();
  }
}

function onComposerSubmit(event) {
  event.preventDefault();
  const input = $('message-input');
  const text = input.value.trim();
  if (length(text) < 1 || length(text) > TEXT_MAX) return;
  if (!isOpen()) {
    showError('notSent');
    return;
  }
  session.socket.send(JSON.stringify({ action: 'sendMessage', roomId: session.roomId, text }));
  session.lastSent = text;
  hideError('frame');
  input.value = '';
  updateComposer();
  scrollToBottom(); // the echo of our own message then stays in view
}

/** Send button, character counter (near the limit only) and the text box's height. */
function updateComposer() {
  const input = $('message-input');
  const count = length(input.value.trim());
  const counter = $('char-counter');
  counter.hidden = count < COUNTER_FROM;
  counter.textContent = `${count} / ${TEXT_MAX}`;
  counter.classList.toggle('over', count > TEXT_MAX);
  input.setAttribute('aria-invalid', String(count > TEXT_MAX));
  $('send-button').disabled = !isOpen() || count < 1 || count > TEXT_MAX;
  // Grow with the text up to the CSS max-height (scrollHeight leaves out the borders; 0 while hidden).
  input.style.height = 'auto';
  if (input.scrollHeight) input.style.height = `${input.scrollHeight + input.offsetHeight - input.clientHeight}px`;
}

// ---- the error banner ----------------------------------------------------------------------

/** kind says what clears it: 'connection' (on open), 'history' (on load), 'frame' (on next send). */
function showError(key, { kind = 'frame', code = key, detail = '', retry = false } = {}) {
  const banner = $('chat-error');
  banner.dataset.kind = kind;
  banner.dataset.code = code;
  setText($('chat-error-text'), key);
  $('chat-error-detail').textContent = detail; // the server's own words, as text
  $('retry-button').hidden = !retry;
  banner.hidden = false;
}

function hideError(kind) {
  const banner = $('chat-error');
  if (!kind || banner.dataset.kind === kind) banner.hidden = true;
}

start();
