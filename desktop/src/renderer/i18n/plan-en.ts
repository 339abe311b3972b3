// English for the Plan and usage card (screens/settings/PlanCard.tsx) and the plan-limit errors
// (part of en.ts).
export const planEn = {
  'plan.title': 'Plan and usage',
  'plan.current': 'Plan: {plan}',
  'plan.name.free': 'Free',
  'plan.name.pro': 'Pro',
  'plan.name.business': 'Business',
  'plan.name.unlimited': 'Unlimited',
  'plan.limit.seats': 'Seats (members and invites)',
  'plan.limit.channels': 'Channel connections',
  'plan.limit.aiReplies': 'AI replies this month',
  'plan.limit.knowledgeBytes': 'Knowledge',
  'plan.limit.historyDays': 'History shown (older is kept, hidden)',
  'plan.of': '{used} of {limit}',
  'plan.noLimit': '{used} · no limit',
  'plan.days': '{days, plural, one {# day} other {# days}}',
  'plan.forever': 'no limit',
  'plan.warning': '{percent} used: the limit is near',
  'plan.reached': 'Limit reached',
  'plan.aiPaused':
    "This month's AI replies are used up: the AI does not answer customers, their messages are kept and go to reps.",
  'plan.grace':
    'The payment failed: the plan holds until {date}, then the team is on Free (nothing is deleted).',
  'plan.lapsed': 'The payment lapsed: the team is on Free. Nothing was deleted; pay to get the plan back.',
  'plan.selfHosted': 'Limits are set by the server’s operator.',
  'plan.pay': '{plan} with {provider}',
  'plan.provider.stripe': 'Stripe',
  'plan.provider.yookassa': 'YooKassa',
  'plan.loading': 'Reading the plan…',
  'plan.needsServer': 'The plan is on the server: connect to see it.',
} as const;
