/** Stylesheets are bundled as text (esbuild's `text` loader, scripts/build.mjs): the CLI inlines them, the webview may too. */
declare module '*.css' {
  const text: string;
  export default text;
}
