// The CRM's domain rules shared by the server and the app: pipelines and stages, board money.
export * from './forecast';
export * from './pipelines';
export * from './analytics';
export * from './analytics-report';
export * from './experiment-report';
export * from './stage-history';
export * from './demo';
export * from './ics';
export * from './my-calendar';
export * from './stage-notify';
export * from './contact-merge';
export * from './proposal-timeline';
export * from './contact-input';
export * from './vendor-requests';
export * from './mood-analytics';
export * from './lead-title';
export * from './positions';
