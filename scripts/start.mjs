// Placeholder until the relay server lands (issue 4): it will build the client if needed and
// serve the app and the relay on http://127.0.0.1:8787.
console.log('Stretchboard: the relay server is not built yet; `npm start` will build the client')
console.log('and serve the app and the live relay on http://127.0.0.1:8787 once it lands.')
