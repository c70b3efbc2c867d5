// `?inline` imports are turned into the file's text by the inlineCss plugin in rollup.config.js.
declare module '*.css?inline' {
  const css: string;
  export default css;
}
