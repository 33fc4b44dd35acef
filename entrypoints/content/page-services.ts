import type { FlagView } from '@/lib/messaging/message-map';
/** What every item's overlay shares within one page view; all of it ends with the view. */
import type { AnchorLayer } from '@/lib/overlay/anchor';
import type { createEvaluationQueue } from '@/lib/overlay/evaluation-queue';
import type { EvidenceHighlights } from '@/lib/overlay/highlights';
import type { createRiskQueue } from '@/lib/overlay/risk-queue';
import type { ViewportWatch } from '@/lib/overlay/viewport-watch';

export interface PageServices {
  /** The shadow root that holds the overlay boxes. */
  root: ShadowRoot;
  anchors: AnchorLayer;
  highlights: EvidenceHighlights;
  viewport: ViewportWatch;
  evaluations: ReturnType<typeof createEvaluationQueue<FlagView>>;
  risks: ReturnType<typeof createRiskQueue>;
}
