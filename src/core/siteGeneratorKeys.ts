/**
 * Front matter keys that static site generators and note apps define: notes published with them
 * carry these keys, which are never typos of ours (RN012 leaves them alone). Compared in lower
 * case (Hugo's keys are case-insensitive). The one list; its sources:
 * - Jekyll: "Front Matter" and "Posts" (jekyllrb.com/docs/front-matter/, /docs/posts/), and the
 *   keys of its default theme minima and of the jekyll-seo-tag, jekyll-redirect-from and
 *   jekyll-sitemap plugins;
 * - Hugo: "Front matter" fields (gohugo.io/content-management/front-matter/);
 * - Docusaurus: the docs and blog plugins' front matter (docusaurus.io/docs/api/plugins/
 *   @docusaurus/plugin-content-docs#markdown-front-matter, …plugin-content-blog#markdown-front-matter);
 * - Astro: the blog starter's content collection schema, and Starlight's frontmatter reference
 *   (starlight.astro.build/reference/frontmatter/);
 * - MkDocs Material: "Setting up…" pages' front matter (squidfunk.github.io/mkdocs-material/
 *   reference/), the blog plugin and the tags plugin;
 * - Obsidian: default properties (help.obsidian.md/Editing+and+formatting/Properties) and Publish.
 */
const SITE_GENERATOR_KEYS: ReadonlySet<string> = new Set([
  // Jekyll
  'layout', 'permalink', 'published', 'date', 'category', 'categories', 'tags', 'excerpt', 'excerpt_separator', 'title', 'author', 'authors', 'comments',
  'redirect_from', 'redirect_to', 'sitemap', 'lang', 'render_with_liquid', 'last_modified_at', 'image', 'description', 'seo', 'locale', 'canonical_url',
  // Hugo
  'aliases', 'build', 'cascade', 'draft', 'expirydate', 'expiry_date', 'headless', 'iscjklanguage', 'keywords', 'lastmod', 'linktitle', 'markup', 'menu', 'menus',
  'outputs', 'params', 'publishdate', 'publish_date', 'resources', 'slug', 'translationkey', 'type', 'url', 'weight', 'series', 'images', 'audio', 'videos', 'toc',
  'summary', 'showtoc', 'hidemeta',
  // Docusaurus
  'id', 'sidebar_label', 'sidebar_position', 'sidebar_class_name', 'sidebar_custom_props', 'sidebar_key', 'hide_title', 'hide_table_of_contents',
  'toc_min_heading_level', 'toc_max_heading_level', 'pagination_label', 'pagination_next', 'pagination_prev', 'parse_number_prefixes', 'custom_edit_url',
  'unlisted', 'last_update', 'author_title', 'author_url', 'author_image_url', 'truncated',
  // Astro and Starlight
  'pubdate', 'updateddate', 'heroimage', 'template', 'hero', 'head', 'lastupdated', 'prev', 'next', 'sidebar', 'banner', 'editurl', 'tableofcontents',
  'pagefind',
  // MkDocs Material
  'hide', 'icon', 'status', 'subtitle', 'search', 'social', 'links', 'readtime', 'pin', 'nav_exclude',
  // Obsidian
  'cssclasses', 'cssclass', 'alias', 'publish', 'cover', 'created', 'updated', 'modified',
]);

/** Whether a front matter key is one a site generator or note app defines. */
export function isSiteGeneratorKey(key: string): boolean {
  return SITE_GENERATOR_KEYS.has(key.toLowerCase());
}
