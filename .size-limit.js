// Size budgets, measured by size-limit against the built packages (npm run build first).
// The emoji picker is a chunk @banter/react loads only when "More reactions" opens: it is
// kept out of the page's figure (as a browser would fetch it) and has its own budget. The
// page is bundled from the sources (tsconfig paths), where the chunk is `./EmojiPicker`.
const lazyPicker = './EmojiPicker*';

export default [
  {
    name: 'ConversationList + ChatWindow, with @banter/core and socket.io-client (React external)',
    path: 'scripts/size/chat-page.js',
    ignore: ['react', 'react-dom', 'react/jsx-runtime'],
    modifyEsbuildConfig: (config) => ({ ...config, external: [...config.external, lazyPicker] }),
    limit: '45 KB',
    gzip: true,
  },
  {
    name: 'the emoji picker chunk, loaded when "More reactions" first opens (React external)',
    path: 'packages/react/dist/EmojiPicker-*.js',
    ignore: ['react', 'react-dom', 'react/jsx-runtime'],
    limit: '12 KB',
    gzip: true,
  },
  {
    name: '@banter/react/styles.css',
    path: 'packages/react/dist/banter.css',
    limit: '6 KB',
    gzip: true,
  },
];
