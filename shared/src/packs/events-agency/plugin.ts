// The events pack as a plug-in of the agents engine (agents/plugins.ts): for a team that applied it,
// a vendor's answer to a request for a quote goes on the deal before anyone answers (quotes.ts), and
// Maestro answers an event request (maestro.ts); its reminders before the event stand when the
// client writes and end only when they opt out (reminders.ts).
import type { AgentPlugin } from '../../agents/plugins';
import { EVENTS_PACK_ID } from './index';
import { maestroStep } from './maestro';
import { takeVendorAnswer } from './quotes';
import { isEventReminder } from './reminder-key';

export const eventsAgencyPlugin: AgentPlugin = {
  name: EVENTS_PACK_ID,
  steps: [{ name: 'vendor-quote', run: takeVendorAnswer }],
  answerers: [{ name: 'maestro', answer: maestroStep }],
  followUps: [{ kind: 'event-reminder', owns: isEventReminder, cancelledBy: ['opt-out'] }],
};
