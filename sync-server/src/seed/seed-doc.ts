/**
 * The demo seed's doc in app_runtime: the seed's lock while it runs, then the demo team's id (the team
 * TELEGRAM_BOT_TOKEN connects). Its own module so benchmarks can name it without loading the seed.
 */
export const DEMO_SEED_DOC_ID = 'seed:demo';
