// The page's words in English and Korean. The browser's language picks one at first; the
// toggle in the header switches, and the choice is remembered. Timestamps do not come from
// here: they follow the reader's own locale (Intl.DateTimeFormat in app.js).
const TEXTS = {
  en: {
    appName: 'Serverless Chat',
    switchTo: '한국어',
    notConfiguredTitle: 'The chat backend is not configured yet',
    notConfiguredBody: 'Amazon S3 static website hosting serves this page. To chat, it needs the URLs of your REST and WebSocket APIs: step 8 of the lab publishes them in config.js.',
    notConfiguredRun: 'Run',
    notConfiguredThen: ', then reload this page.',
    notConfiguredPath: 'You opened',
    notConfiguredExample: 'The published config.js looks like this:',
    joinTitle: 'Join a room',
    joinLead: 'Pick a room and a nickname. Everyone in the same room sees your messages.',
    roomLabel: 'Room',
    roomHint: 'Letters, digits, _ and -, up to 64',
    nicknameLabel: 'Nickname',
    nicknameHint: 'Up to 32 characters, remembered on this device',
    joinButton: 'Join',
    roomInvalid: 'Use 1 to 64 letters, digits, _ or -.',
    nicknameEmpty: 'Enter a nickname.',
    nicknameTooLong: 'A nickname has at most 32 characters.',
    nicknameControl: 'A nickname cannot contain control characters.',
    connecting: 'Connecting…',
    open: 'Connected',
    reconnecting: 'Reconnecting…',
    closed: 'Disconnected',
    leave: 'Leave',
    messagesLabel: 'Messages',
    loadOlder: 'Load older messages',
    loading: 'Loading…',
    emptyRoom: 'No messages yet. Say hello!',
    jumpToLatest: 'New messages ↓',
    messageLabel: 'Message',
    messagePlaceholder: 'Write a message…',
    composerHint: 'Enter sends · Shift+Enter adds a line',
    send: 'Send',
    retry: 'Try again',
    dismiss: 'Dismiss',
    error_bad_request: 'The server refused your message: it must be 1 to 2000 characters.',
    error_not_in_room: 'The server no longer counts you in this room. Rejoining; please send again.',
    error_unknown_action: 'The server did not understand the request.',
    error_other: 'The server reported an error.',
    handshakeRefused: 'Could not join: the chat server refused the connection or cannot be reached.',
    gaveUp: 'The connection was lost and could not be restored.',
    historyFailed: 'Could not load the room history.',
    notSent: 'Not connected: the message was not sent.',
  },
  ko: {
    appName: '서버리스 채팅',
    switchTo: 'English',
    notConfiguredTitle: '채팅 백엔드가 아직 설정되지 않았습니다',
    notConfiguredBody: '이 페이지는 Amazon S3 정적 웹 사이트 호스팅으로 제공됩니다. 채팅하려면 REST·WebSocket API 주소가 필요하며, 실습 8단계가 이를 config.js 에 담아 올립니다.',
    notConfiguredRun: '',
    notConfiguredThen: ' 을 실행한 뒤 이 페이지를 새로 고치세요.',
    notConfiguredPath: '요청한 경로',
    notConfiguredExample: '게시된 config.js 는 다음과 같습니다:',
    joinTitle: '채팅방 입장',
    joinLead: '방과 닉네임을 정하세요. 같은 방에 있는 모두가 메시지를 봅니다.',
    roomLabel: '방',
    roomHint: '영문자, 숫자, _ 와 -, 최대 64자',
    nicknameLabel: '닉네임',
    nicknameHint: '최대 32자, 이 기기에 기억됩니다',
    joinButton: '입장',
    roomInvalid: '영문자, 숫자, _ 또는 - 로 1~64자를 입력하세요.',
    nicknameEmpty: '닉네임을 입력하세요.',
    nicknameTooLong: '닉네임은 최대 32자입니다.',
    nicknameControl: '닉네임에 제어 문자를 쓸 수 없습니다.',
    connecting: '연결 중…',
    open: '연결됨',
    reconnecting: '다시 연결 중…',
    closed: '연결 끊김',
    leave: '나가기',
    messagesLabel: '메시지',
    loadOlder: '이전 메시지 더 보기',
    loading: '불러오는 중…',
    emptyRoom: '아직 메시지가 없습니다. 먼저 인사해 보세요!',
    jumpToLatest: '새 메시지 ↓',
    messageLabel: '메시지',
    messagePlaceholder: '메시지를 입력하세요…',
    composerHint: 'Enter 보내기 · Shift+Enter 줄바꿈',
    send: '보내기',
    retry: '다시 시도',
    dismiss: '닫기',
    error_bad_request: '서버가 메시지를 거절했습니다: 1~2000자여야 합니다.',
    error_not_in_room: '서버에서 이 방의 참여자로 확인되지 않습니다. 다시 입장하는 중이니 메시지를 다시 보내 주세요.',
    error_unknown_action: '서버가 요청을 이해하지 못했습니다.',
    error_other: '서버가 오류를 알렸습니다.',
    handshakeRefused: '입장하지 못했습니다: 채팅 서버가 연결을 거절했거나 서버에 닿을 수 없습니다.',
    gaveUp: '연결이 끊어졌고 다시 연결하지 못했습니다.',
    historyFailed: '이전 대화를 불러오지 못했습니다.',
    notSent: '연결되어 있지 않아 메시지를 보내지 못했습니다.',
  },
};

const STORAGE_KEY = 'chatlab.language';

let current = initialLanguage();

function initialLanguage() {
  const saved = safeStorage(() => localStorage.getItem(STORAGE_KEY));
  if (saved in TEXTS) return saved;
  return (navigator.language || 'en').toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

/** localStorage throws in some private modes: the page works without it, it just forgets. */
export function safeStorage(action) {
  try {
    return action();
  } catch {
    return null;
  }
}

/** The text for a key in the current language (the key itself if missing, so a gap is visible). */
export function t(key) {
  return TEXTS[current][key] ?? TEXTS.en[key] ?? key;
}

export function language() {
  return current;
}

/** Switches the language, remembers it, and rewrites every labelled element of the page. */
export function toggleLanguage() {
  current = current === 'ko' ? 'en' : 'ko';
  safeStorage(() => localStorage.setItem(STORAGE_KEY, current));
  applyTexts();
}

/**
 * Fills the static labels: data-i18n sets the text, data-i18n-placeholder and
 * data-i18n-aria-label set those attributes. Only our own strings go in, always as text.
 */
export function applyTexts() {
  document.documentElement.lang = current;
  for (const element of document.querySelectorAll('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n);
  }
  for (const element of document.querySelectorAll('[data-i18n-placeholder]')) {
    element.placeholder = t(element.dataset.i18nPlaceholder);
  }
  for (const element of document.querySelectorAll('[data-i18n-aria-label]')) {
    element.setAttribute('aria-label', t(element.dataset.i18nAriaLabel));
  }
}
