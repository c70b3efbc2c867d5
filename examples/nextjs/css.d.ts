// TypeScript 6 checks side-effect imports (noUncheckedSideEffectImports is on by default), and
// Next.js 15 declares only CSS modules, not global stylesheets like '@banter/react/styles.css'.
declare module '*.css';
