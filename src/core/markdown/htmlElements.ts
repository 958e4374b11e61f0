/** Names of HTML elements: what the parser layers and the placeholder rules take for markup rather than text. */

/**
 * HTML elements, which written alone in angle brackets are markup, not a placeholder: the block
 * elements of CommonMark §4.6 (kind 6) and the inline elements of the HTML standard.
 */
export const HTML_ELEMENTS = new Set(
  (
    'address article aside base basefont blockquote body caption center col colgroup dd details dialog dir div dl dt fieldset figcaption figure footer form frame frameset ' +
    'h1 h2 h3 h4 h5 h6 head header hr html iframe legend li link main menu menuitem nav noframes ol optgroup option p param search section summary table tbody td tfoot th thead title tr track ul ' +
    'a abbr b bdi bdo br cite code data del dfn em i img input ins kbd label mark picture q rp rt ruby s samp small source span strong sub sup svg time u var video audio wbr'
  ).split(' '),
);
