// English names and descriptions of a domain pack's agent roles (issue 39), whose models the Agents
// screen sets per role beside the sales roles, and the offline provider as a role's choice (spread
// into en.ts).
export const packRolesEn = {
  'role.maestro': 'Maestro',
  'role.planning': 'Planning',
  'role.finance': 'Finance',
  'role.vendors': 'Vendors',
  'role.communication': 'Communication',
  'role.analytics': 'Analytics',
  'role.social': 'Social media',
  'agents.roleDesc.maestro': 'Reads an event request, hands it to the roles below and writes the one reply.',
  'agents.roleDesc.planning': 'Makes the event plan: milestones and tasks counted back from the date.',
  'agents.roleDesc.finance': 'Estimates the budget from the rate card and checks it against the client’s.',
  'agents.roleDesc.vendors': 'Picks venues, caterers, AV and hosts and asks them for quotes.',
  'agents.roleDesc.communication': 'Writes proposals, confirmations and reminders before the event.',
  'agents.roleDesc.analytics': 'Reports events by type and source, conversion, budgets and margin.',
  'agents.roleDesc.social': 'Watches mentions of the client’s event and reports their sentiment.',
  'agents.packRoles': 'Industry pack roles',
  'models.provider.offline': 'Offline (no model)',
};
