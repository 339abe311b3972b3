// English names of a twin's fact keys and of the values the rules write (spread into en.ts); with them, merging contacts (merge-en.ts).
import { mergeEn } from './merge-en';

export const twinEn = {
  ...mergeEn,
  'fact.name': 'Name',
  'fact.phone': 'Phone',
  'fact.email': 'E-mail',
  'fact.telegram': 'Telegram',
  'fact.company': 'Company',
  'fact.position': 'Position',
  'fact.budget': 'Budget',
  'fact.team_size': 'Team size',
  'fact.timeline': 'Timeline',
  'fact.meeting_at': 'Meeting',
  'fact.need': 'Need',
  'fact.interest': 'Interest',
  'fact.timeline.asap': 'as soon as possible',
  'fact.timeline.this month': 'this month',
  'fact.timeline.this quarter': 'this quarter',
  'fact.timeline.next month': 'next month',
  'fact.timeline.this year': 'this year',
  'fact.timeline.no rush': 'no rush',
  'fact.position.owner': 'owner or CEO',
  'fact.position.head': 'head of a team',
  'fact.position.purchasing': 'purchasing',
  'fact.position.manager': 'manager',
};
