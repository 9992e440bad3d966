// The chat's backend addresses. Step 8 of the lab replaces this file in the bucket with:
//
//   window.CHAT_CONFIG = {
//     restUrl: "https://<rest-api-id>.execute-api.<region>.amazonaws.com/dev",
//     webSocketUrl: "wss://<websocket-api-id>.execute-api.<region>.amazonaws.com/dev"
//   };
//
// (locally: http://localhost:4566/_aws/execute-api/<id>/dev and ws://localhost:4566/_aws/execute-api/<id>/dev).
// Until then the page says that the backend is not configured yet. Step 2 uploads this
// placeholder only when the bucket has no config.js, so a re-run never undoes step 8.
window.CHAT_CONFIG = null;
