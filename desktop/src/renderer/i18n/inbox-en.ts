// English strings of the Inbox: the flag on a waiting customer's row and its filter, the side panel
// about the customer, and in the conversation the AI's steps and each message's delivery (their own
// files, merged here; part of en.ts).
import { agentStepsEn } from './agent-steps-en';
import { aiTypingEn } from './ai-typing-en';
import { choicesEn } from './choices-en';
import { deliveryEn } from './delivery-en';

export const inboxEn = {
  ...agentStepsEn,
  ...aiTypingEn,
  ...choicesEn,
  ...deliveryEn,
  'inbox.waiting': 'Wants a human · {time}',
  'inbox.waitingFilter': 'Waiting for a rep',
  'panel.title': 'About the customer',
  'panel.noContact': 'Unknown customer',
  'panel.deal': 'Deal',
  'panel.noDeal': 'No deal yet',
  'panel.score': 'score {score}',
  'inbox.tabs': 'Whose conversations',
  'inbox.tab.mine': 'Mine',
  'inbox.tab.unassigned': 'Unassigned',
  'inbox.tab.all': 'All',
  'inbox.filters': 'Filters',
  'inbox.clearFilters': 'Clear filters',
  'inbox.empty.mine':
    'No conversations are assigned to you. Take one from Unassigned, or take over a conversation.',
  'inbox.empty.unassigned': 'Every open conversation has a rep.',
};
