import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createRouter } from '@/lib/messaging/router';
import { configureZodForExtension } from '@/lib/shared/zod-setup';
import { registerCommands } from './commands';
import { createEscalationService, ESCALATION_ALARM } from './escalations';
import { createHandlers, identity } from './handlers';
import { refreshPackFromEndpoint } from './pack-handlers';
import { announceSetupChanges } from './setup-notices';
import { createSyncRunner, PERIODIC_ALARM, RETRY_ALARM, schedulePeriodicSync } from './sync-runner';

export default defineBackground({
  type: 'module',
  main() {
    configureZodForExtension();
    registerCommands();
    announceSetupChanges();
    const escalations = createEscalationService();
    const runner = createSyncRunner({ beforeBatches: () => escalations.lane.flush() });
    const route = createRouter(createHandlers(runner, escalations), identity());
    // Returning the promise answers the sender (webextension-polyfill semantics).
    browser.runtime.onMessage.addListener((message, sender) => route(message, sender));

    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === PERIODIC_ALARM || alarm.name === RETRY_ALARM) void runner.request();
      if (alarm.name === ESCALATION_ALARM) void escalations.wake();
      // On the schedule, also pick up a newly published pack (an unchanged one costs a 304).
      if (alarm.name === PERIODIC_ALARM) void refreshPackFromEndpoint().catch(() => {});
    });
    // Registering for startup makes the browser wake this worker when it starts, so a sync
    // cut short by the browser closing resumes without the reviewer doing anything.
    browser.runtime.onStartup.addListener(() => {
      void escalations.wake();
      void runner.request();
    });
    // The network came back: deliver what queued up offline.
    globalThis.addEventListener('online', () => void runner.request());
    // Whenever the worker starts (browser start, or woken after being stopped mid-sync),
    // resume: whatever is still in the outbox was not acknowledged.
    void schedulePeriodicSync();
    // Escalations first: a stopped worker resumes their lane before the outbox.
    void escalations.wake();
    void runner.request();
  },
});
