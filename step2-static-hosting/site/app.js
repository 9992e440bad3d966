// The web client's placeholder: it shows that S3 serves the page (and, for a deep link,
// that the error document does). The chat itself arrives with step 8.
const TEXTS = {
  ko: {
    lead: 'Amazon S3 정적 웹 사이트 호스팅으로 제공되는 페이지입니다.',
    statusTitle: '채팅 백엔드가 아직 설정되지 않았습니다.',
    statusBody: '실습 8단계가 REST·WebSocket 주소가 담긴 config.js 를 올립니다.',
    youAsked: '요청한 경로:',
    configured: '백엔드 설정을 찾았습니다.',
  },
  en: {
    lead: 'Hosted on Amazon S3 static website hosting.',
    statusTitle: 'The chat backend is not configured yet.',
    statusBody: 'Step 8 of the lab publishes config.js with the REST and WebSocket URLs.',
    youAsked: 'You opened',
    configured: 'Backend configuration found.',
  },
};

const lang = navigator.language && navigator.language.startsWith('ko') ? 'ko' : 'en';
document.documentElement.lang = lang;
for (const element of document.querySelectorAll('[data-i18n]')) {
  element.textContent = TEXTS[lang][element.dataset.i18n];
}
document.getElementById('path').textContent = window.location.pathname;
if (window.CHAT_CONFIG) {
  const status = document.getElementById('status');
  status.className = 'status ready';
  status.textContent = TEXTS[lang].configured;
}
