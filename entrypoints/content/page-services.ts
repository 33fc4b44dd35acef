import type { FlagView } from '@/lib/messaging/message-map';
/** What every item's overlay shares within one page view; all of it ends with the view. */
import type { AnchorLayer } from '@/lib/page/overlay/anchor';
import type { CardRefresh } from '@/lib/page/overlay/card-refresh';
import type { createEvaluationQueue } from '@/lib/page/overlay/evaluation-queue';
import type { EvidenceMarks } from '@/lib/page/overlay/evidence-marks';
import type { createRiskQueue } from '@/lib/page/overlay/risk-queue';
import type { ViewportWatch } from '@/lib/page/overlay/viewport-watch';

export interface PageServices {
  /** The shadow root that holds the overlay boxes. */
  root: ShadowRoot;
  anchors: AnchorLayer;
  /** Evidence marked over the page's text, drawn in the closed root (evidence-marks.ts). */
  marks: EvidenceMarks;
  viewport: ViewportWatch;
  evaluations: ReturnType<typeof createEvaluationQueue<FlagView>>;
  risks: ReturnType<typeof createRiskQueue>;
  /** The open cards, reloaded when the background says an escalation changed. */
  cards: CardRefresh;
}
