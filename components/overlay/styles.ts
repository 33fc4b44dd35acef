/**
 * The overlay's whole stylesheet, injected into its shadow root. `:host { all: initial }`
 * stops the page's inherited styles (font, colour, line height) from leaking in; the shadow
 * root stops ours from leaking out.
 */
export const OVERLAY_CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
/* A box has no size: the anchor layer (lib/page/overlay/anchor.ts) moves its origin to its
   item's top-right corner with a transform, which changes no layout. */
.box { position: absolute; display: block; left: 0; top: 0; width: 0; height: 0; pointer-events: none; transform: translate(0px, 0px); }
/* A hidden box keeps its layout (the display above wins over the hidden attribute's): drawn
   while hidden, it is laid out in the page's own frame, and showing or hiding it changes no
   layout. An open card in it is taken out of the layout while hidden, so that it is laid
   out (and takes focus, item-overlay.tsx) when it shows. */
.box[hidden] { visibility: hidden; }
.box[hidden] .card { display: none; }
/* Evidence marks over the page's text (lib/page/overlay/evidence-marks.ts), drawn from the
   same corner. Hidden like a box (kept in the layout), so that marks drawn while hidden are
   laid out in the page's own frame and showing them changes no layout. */
.marks { position: absolute; display: block; left: 0; top: 0; width: 0; height: 0; pointer-events: none; transform: translate(0px, 0px); }
.marks[hidden] { visibility: hidden; }
.mark { position: absolute; border-radius: 2px; }
.mark-low .mark { background: rgba(100, 116, 139, 0.3); }
.mark-medium .mark { background: rgba(234, 179, 8, 0.4); }
.mark-high .mark { background: rgba(249, 115, 22, 0.4); }
.mark-critical .mark { background: rgba(220, 38, 38, 0.35); box-shadow: inset 0 -2px rgb(185, 28, 28); }
.mark-suggested .mark { background: transparent; border-bottom: 2px dotted #0d7377; border-radius: 0; }
/* The chip arrives after the badge: out of flow, so its arrival moves nothing. */
.chip-slot { position: absolute; right: calc(100% + 4px); top: 1px; white-space: nowrap; }
/* The badge 6px inside its item's top-right corner, as wide as its content. */
.overlay { position: absolute; top: 6px; right: 6px; width: max-content; font: 13px/1.4 system-ui, sans-serif; color: #10201f; pointer-events: auto; }
button, select, textarea { font: inherit; color: inherit; }
button { cursor: pointer; border: 1px solid #9bb; background: #fff; border-radius: 6px; padding: 3px 8px; }
button.primary { background: #0d7377; border-color: #0d7377; color: #fff; }
button.plain { border: none; background: none; font-size: 16px; padding: 0 4px; }
button:focus-visible, select:focus-visible, textarea:focus-visible { outline: 2px solid #f59e0b; outline-offset: 1px; }
/* Every badge keeps its text at 4.5:1 or more on its own, opaque background, on any page. */
.badge { background: #0d7377; color: #fff; border: 1px solid transparent; box-shadow: 0 1px 3px rgba(0,0,0,.3); font-weight: 600; }
.badge.quiet { background: #fff; color: #0d7377; border-color: #0d7377; box-shadow: 0 1px 2px rgba(0,0,0,.2); font-weight: 500; }
.badge-low { background: #475569; } .badge-medium { background: #a16207; } .badge-high { background: #c2410c; } .badge-critical { background: #991b1b; }
/* Done: colours no severity uses (green, or white with slate), and a mark before the word. */
.badge.done-confirmed { background: #166534; color: #fff; }
.badge.done-dismissed { background: #fff; color: #475569; border-color: #64748b; box-shadow: 0 1px 2px rgba(0,0,0,.2); }
/* The open card's box stays above the boxes drawn after it. */
.box:has(.card) { z-index: 1; }
.evidence { list-style: none; padding-left: 0; margin: 4px 0; }
.evidence li { margin: 2px 0; }
mark.ev { color: inherit; border-radius: 3px; padding: 0 2px; white-space: pre-wrap; }
.ev-low { background: #e2e8f0; } .ev-medium { background: #fef08a; } .ev-high { background: #fed7aa; } .ev-critical { background: #fecaca; }
.card { position: absolute; top: 28px; right: 0; width: 300px; max-height: 420px; overflow: auto; background: #fff; color: #10201f; border: 1px solid #cdd; border-radius: 8px; padding: 10px; box-shadow: 0 4px 16px rgba(0,0,0,.25); }
/* Placed (card-placement.ts) beside or below the evidence it lists, never over it. */
.card.placed { right: auto; }
.card h2 { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; margin: 10px 0 4px; color: #456; }
.card ul { margin: 0; padding-left: 16px; }
.card li { margin: 2px 0; overflow-wrap: anywhere; unicode-bidi: isolate; }
/* Page text (handles, titles, evidence) is isolated: its bidi controls stay inside it. */
bdi, mark.ev { unicode-bidi: isolate; }
.row { display: flex; gap: 6px; align-items: center; margin-top: 8px; }
.spread { justify-content: space-between; margin-top: 0; }
.muted { color: #567; margin: 2px 0; overflow-wrap: anywhere; }
.error { color: #b42318; }
.summary { display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; white-space: pre-wrap; }
.sync { font-size: 11px; color: #567; }
.sync-rejected { color: #b42318; }
.sync-synced { color: #166534; }
.form { display: flex; flex-direction: column; gap: 6px; margin-top: 8px; }
.form label { display: flex; flex-direction: column; gap: 2px; font-weight: 600; }
.form select, .form textarea { font-weight: 400; border: 1px solid #9bb; border-radius: 4px; padding: 3px; background: #fff; }
.sev { font-size: 11px; font-weight: 700; border-radius: 4px; padding: 0 4px; color: #fff; }
.sev-low { background: #567; } .sev-medium { background: #854d0e; } .sev-high { background: #c2410c; } .sev-critical { background: #7f1d1d; }
/* A learned suggestion, not a rule match: quiet (outlined), its evidence only underlined. */
.sev-suggested { background: #fff; color: #0d5c5f; border: 1px dashed #0d7377; font-weight: 600; }
mark.ev-suggested { background: transparent; border-bottom: 2px dotted #0d7377; border-radius: 0; }
li.selected { outline: 2px solid #0d7377; outline-offset: 1px; border-radius: 4px; }
li:focus-visible, .card:focus-visible { outline: 2px solid #f59e0b; outline-offset: 1px; }
.form label.inline { flex-direction: row; align-items: center; font-weight: 400; }
.keys { margin: 6px 0 0; font-size: 12px; }
/* A form's Save stays in view however far the card scrolls (the card's padding is 10px). */
.form .actions { position: sticky; bottom: -10px; z-index: 1; background: #fff; margin: 0 -10px -10px; padding: 6px 10px 10px; border-top: 1px solid #e2e8f0; }
.form .hint { font-size: 11px; font-weight: 400; }
.proposal { border: 1px solid #991b1b; border-radius: 6px; padding: 4px 6px; margin-top: 4px; }
.receipt { font-size: 11px; color: #445566; }
.receipt-refused { color: #b42318; }
iframe.secure-field { display: block; width: 100%; height: 64px; border: 1px solid #9bb; border-radius: 4px; background: #fff; }
`;
