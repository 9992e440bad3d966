// Written by step 8 of the lab: the chat's REST and WebSocket URLs.
// Until then the page says that the backend is not configured.
window.CHAT_CONFIG = null;
