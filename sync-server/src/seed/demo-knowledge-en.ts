// The demo team's knowledge base in English: the help centre of Daisy CRM (a fictional product), the same
// topics and facts as demo-knowledge-ru.ts, with prices in US dollars beside the rouble ones (the seeded
// conversations quote the Team plan at 12 USD and Business at 24 USD).
import type { DemoSource } from './demo-source';

export const demoSourcesEn: DemoSource[] = [
  {
    id: 'src-prices-en',
    title: 'Daisy CRM plans and pricing 2026',
    fileName: 'pricing.md',
    language: 'en',
    sections: [
      {
        heading: 'How much does Daisy CRM cost',
        text: 'Daisy CRM has four plans: Start at 7 USD (590 RUB), Team at 12 USD (990 RUB) and Business at 24 USD (1,990 RUB) per user per month billed annually, and Enterprise from 36 USD (2,990 RUB). Monthly billing costs 15-17% more. You only pay for the users who work in the system.',
      },
      {
        heading: 'Start plan',
        text: 'The Start plan costs 7 USD (590 RUB) per user per month billed annually, or 8 USD billed monthly. It is made for a small sales department of up to 5 users: one sales pipeline, web chat, e-mail and the Telegram integration.',
      },
      {
        heading: 'Team plan',
        text: 'The Team plan costs 12 USD (990 RUB) per user per month billed annually, or 14 USD billed monthly. It covers up to 50 users, unlimited pipelines, AI agents that answer customers, lead scoring, WhatsApp and VK. Data migration from another CRM or Excel is included.',
      },
      {
        heading: 'Business plan',
        text: 'The Business plan costs 24 USD (1,990 RUB) per user per month billed annually, or 29 USD billed monthly. It covers up to 250 users and adds the 1C and telephony integrations, the API and webhooks, roles and permissions, advanced analytics and a one-hour support response.',
      },
      {
        heading: 'Enterprise plan',
        text: 'The Enterprise plan starts at 36 USD (2,990 RUB) per user per month; the exact price depends on the number of users and the SLA terms. It includes a self-hosted install on your own server, SSO, a 99.9% SLA, round-the-clock support and a dedicated account manager.',
      },
      {
        heading: 'Which plan should I choose',
        text: 'Start is enough for a small team of up to 5 people, and Team suits a sales department that works in chats with AI agents. Choose Business if you need 1C, telephony and the API, and Enterprise if you need your own server and SSO. You can switch plans at any time and the unused balance is credited.',
      },
      {
        heading: 'Monthly or annual billing',
        text: 'You can pay monthly or for a whole year. Annual billing is cheaper: the Team plan, for example, is 12 USD instead of 14 USD per user per month. Users added during the year are billed pro rata for the remaining months.',
      },
      {
        heading: 'Volume discounts',
        text: 'Teams buying 50 or more seats get a 10% discount, and 100 or more seats get 15%. The volume discount applies to any plan billed annually.',
      },
      {
        heading: 'Discounts for nonprofits and education',
        text: 'Nonprofit organisations, schools and universities get 50% off any plan. Send your account manager a document that confirms your organisation status. It cannot be combined with the volume discount.',
      },
      {
        heading: 'Free trial',
        text: 'Yes, Daisy CRM has a free 14-day trial with all Business plan features. During the trial you can invite up to 10 users, and no credit card is required. Everything you enter during the trial is kept when you subscribe.',
      },
      {
        heading: 'What happens when the trial ends',
        text: 'When the trial ends, your account stays read-only for 30 days and no data is deleted. To continue, choose a plan and pay for it. If you need more time to evaluate, your account manager can extend the trial by another 14 days.',
      },
    ],
  },
  {
    id: 'src-payment-en',
    title: 'Billing, contracts and documents',
    fileName: 'billing.md',
    language: 'en',
    sections: [
      {
        heading: 'Payment methods',
        text: 'You can pay for Daisy CRM by bank transfer against an invoice (for companies), by card or through the Faster Payments System (SBP). You can pay monthly or for a whole year.',
      },
      {
        heading: 'Paying by invoice',
        text: 'Companies can pay for Daisy CRM by bank transfer against an invoice. We issue the invoice within one business day of a request in the chat or to billing@daisy-crm.example; we need your company details and the number of users. Access is extended as soon as the payment arrives.',
      },
      {
        heading: 'Contract',
        text: 'By default you accept our standard online agreement by paying the invoice. On the Business and Enterprise plans we sign a contract on paper or electronically, including one drafted by your lawyers.',
      },
      {
        heading: 'Accounting documents and e-invoicing',
        text: 'After payment we send the closing accounting documents through an electronic document exchange (Diadoc or SBIS) within 5 business days. Paper originals are posted on request.',
      },
      {
        heading: 'VAT',
        text: 'Daisy CRM is listed in the Russian software register, so licences are exempt from VAT. Implementation and custom development services are subject to 20% VAT.',
      },
      {
        heading: 'Paying by card',
        text: 'You can pay by Visa, Mastercard or MIR card in your account under Billing. Card subscriptions renew automatically, and you can turn auto-renewal off on the same page.',
      },
      {
        heading: 'Paying in instalments',
        text: 'On the Enterprise plan an annual payment can be split in two: 50% when the contract is signed and 50% a month later. On the other plans you can pay monthly instead.',
      },
      {
        heading: 'Refunds',
        text: 'If Daisy CRM is not right for you, we refund your first payment in full within 14 days. After that we refund the unused full months. The money goes back the way you paid within 3 to 5 business days.',
      },
    ],
  },
  {
    id: 'src-integrations-en',
    title: 'Daisy CRM integrations',
    fileName: 'integrations.md',
    language: 'en',
    sections: [
      {
        heading: '1C integration',
        text: 'Daisy CRM exchanges data with 1C:Enterprise 8 (Trade Management, Integrated Automation, Accounting and UNF). Counterparties, products, invoices and payments sync both ways every 15 minutes. The 1C integration is part of the Business and Enterprise plans, and the exchange module for 1C is free.',
      },
      {
        heading: 'amoCRM integration',
        text: 'We move your contacts, companies, deals, pipelines, tasks, notes and message history over from amoCRM. During the switch you can turn on a two-way deal sync with amoCRM for 30 days, so your sales team can move over gradually.',
      },
      {
        heading: 'Bitrix24 integration',
        text: 'We import contacts, companies, deals and tasks from Bitrix24. Leads from a 1C-Bitrix website reach Daisy CRM through a ready-made module or a webhook.',
      },
      {
        heading: 'Telegram, WhatsApp and VK',
        text: 'A Telegram bot and a VK community connect in a few minutes, and WhatsApp connects through the WhatsApp Business API. All messages land in one inbox, and the AI agent answers customers on every channel. Telegram is on every plan; WhatsApp and VK come with the Team plan and above.',
      },
      {
        heading: 'E-mail',
        text: 'Connect your company mailbox over IMAP and SMTP: Gmail, Microsoft 365 and Exchange, Yandex 360 or any other server. Customer e-mails are linked to their contacts and deals automatically.',
      },
      {
        heading: 'Telephony',
        text: 'Daisy CRM works with the Mango Office, Zadarma, Telphin, Beeline Business, MTS Exolve and Asterisk phone systems. An incoming call opens the customer record, and call recordings are kept on the deal. Telephony is available on the Business and Enterprise plans.',
      },
      {
        heading: 'Website forms and leads',
        text: 'Leads from your website reach the CRM through our web chat, a webhook or ready-made modules for Tilda, 1C-Bitrix and WordPress. Each lead creates a deal with its source and UTM tags.',
      },
      {
        heading: 'API and webhooks',
        text: 'You can connect your own systems to Daisy CRM through the REST API and outgoing webhooks for new deals, messages and stage changes. The API and webhooks are available on the Business and Enterprise plans, with documentation at docs.daisy-crm.example.',
      },
    ],
  },
  {
    id: 'src-delivery',
    title: 'Daisy CRM: onboarding and data migration',
    fileName: 'onboarding.md',
    language: 'en',
    sections: [
      {
        heading: 'How long does implementation take',
        text: 'Daisy CRM is delivered as a cloud workspace within 1 business day after payment. Self-hosted installs take 3 to 5 business days including data migration. A full rollout in a sales team, with pipelines, integrations and training, typically takes 2 to 4 weeks.',
      },
      {
        heading: 'Data migration from amoCRM, Bitrix24 and Excel',
        text: 'We import contacts, companies, deals, tasks and history from amoCRM, Bitrix24, Excel and CSV; HubSpot and Pipedrive data comes over from their CSV exports. Migration is free on the Team, Business and Enterprise plans; on Start you can use the self-service import wizard or order a migration for 5,000 RUB (60 USD). A migration usually takes 3 to 5 business days, depending on the amount of data.',
      },
      {
        heading: 'How the migration works',
        text: 'First we map your fields, pipeline stages and owners with you. Then we do a trial run, you check the result, and only then we move the data for good, usually over a weekend so that sales never stop.',
      },
      {
        heading: 'Training for your team',
        text: 'Every new customer gets a free 90-minute online webinar for the sales reps and a separate session for the head of sales. The help centre has video lessons on every section, and on the Business and Enterprise plans a dedicated onboarding manager leads the rollout.',
      },
      {
        heading: 'Product demo',
        text: 'We can show you Daisy CRM in a 30-minute online demo and answer your questions. Tell us a date and time in the chat and a manager will send you the meeting link.',
      },
    ],
  },
  {
    id: 'src-security-en',
    title: 'Security and data storage',
    fileName: 'security.md',
    language: 'en',
    sections: [
      {
        heading: 'Where is my data stored',
        text: 'Our cloud servers are located in two data centres in Russia, in Moscow and Saint Petersburg, and all customer data is stored there. Personal data processing complies with the Russian personal data law 152-FZ, and we sign a data processing agreement with every customer.',
      },
      {
        heading: 'Encryption',
        text: 'All data is encrypted in transit with TLS 1.2 or later and at rest with AES-256. Daisy staff cannot access your data without your permission.',
      },
      {
        heading: 'Backups',
        text: 'Backups are taken every hour and kept for 30 days in a different data centre. Support can restore deleted data as of any date on request.',
      },
      {
        heading: 'Roles and permissions',
        text: 'An administrator gives each user a role: administrator, head of sales or sales rep. You can let reps see only their own deals and forbid exporting the database. Every user action is recorded in an audit log kept for one year.',
      },
      {
        heading: 'SSO and two-factor authentication',
        text: 'Two-factor authentication is available on every plan. Single sign-on through SAML 2.0 or OpenID Connect (Active Directory, Keycloak, Google Workspace, Yandex 360) comes with the Enterprise plan.',
      },
      {
        heading: 'SLA and uptime',
        text: 'On the Enterprise plan we guarantee 99.9% monthly uptime in a contractual SLA, with service credits of up to 30% of the monthly fee if we miss it. Actual cloud uptime in 2025 was 99.95%.',
      },
      {
        heading: 'Exporting your data',
        text: 'You can export all contacts, deals and conversations to Excel or CSV at any time, on any plan. Your data belongs to you; if you cancel, we keep it for 30 more days and then delete it.',
      },
    ],
  },
  {
    id: 'src-support-en',
    title: 'Customer support',
    fileName: 'support.md',
    language: 'en',
    sections: [
      {
        heading: 'Support hours',
        text: 'Our support team is available from 9:00 to 21:00 Moscow time on weekdays. Enterprise customers get support around the clock, seven days a week.',
      },
      {
        heading: 'How to contact support',
        text: 'Write to support@daisy-crm.example, to @daisy_crm_support in Telegram or in the in-app chat, or call +7 495 000-00-00.',
      },
      {
        heading: 'Support response times',
        text: 'On the Start and Team plans support replies within 2 hours during working hours, and on the Business plan within 1 hour. Enterprise customers get a 30-minute response time around the clock.',
      },
    ],
  },
  {
    id: 'src-apps-en',
    title: 'Apps and limits',
    fileName: 'apps.md',
    language: 'en',
    sections: [
      {
        heading: 'Mobile app',
        text: 'The Daisy CRM mobile app runs on iOS (iPhone and iPad) and Android and comes with every plan. In it you can reply to customers, work on deals and get push notifications about new leads.',
      },
      {
        heading: 'Desktop app and working offline',
        text: 'The desktop app runs on Windows, macOS and Linux. It works offline: contacts, deals and tasks stay available without a connection, and changes sync when the connection is back.',
      },
      {
        heading: 'User and storage limits',
        text: 'Start allows up to 5 users and 10 GB of files per company, and Team up to 50 users and 10 GB per user. Business allows up to 250 users and 20 GB per user, and Enterprise has no limits. The number of contacts and deals is unlimited on every plan.',
      },
      {
        heading: 'AI agents',
        text: 'AI agents answer customers in chats from your knowledge base, fill in the customer record from the conversation and hand the chat to a manager when they are not sure of an answer. AI agents are available from the Team plan up.',
      },
    ],
  },
  {
    id: 'src-objections-en',
    title: 'Common concerns before buying',
    fileName: 'concerns.md',
    language: 'en',
    sections: [
      {
        heading: 'It is too expensive',
        text: 'The Start plan is 7 USD per user per month, and our customers recover the cost in 2 months on average because no lead from chats or e-mail gets lost. Start with the 14-day free trial and measure the effect on your own data.',
      },
      {
        heading: 'We already use amoCRM or Excel',
        text: 'Switching is free from the Team plan up: we move your data from amoCRM, Bitrix24 or Excel ourselves in 3 to 5 business days. You can keep amoCRM running in parallel for 30 days while the team gets used to Daisy.',
      },
      {
        heading: 'We have no time for a rollout',
        text: 'The cloud version is ready in 1 business day, and we take care of the data migration and the pipeline setup. A one-hour webinar is enough for your reps to start working the same day.',
      },
      {
        heading: 'We are worried about our data',
        text: 'Your data is stored in Russia under 152-FZ, encrypted, and backed up every hour to another data centre. You can export everything to Excel at any time, so you are never locked in.',
      },
      {
        heading: 'Our reps will not use a CRM',
        text: 'The AI agent fills in customer records from the conversations, so reps have nothing to type by hand. Chats, e-mail and calls are in one window, and by our numbers 9 out of 10 reps work in the system every day within two weeks.',
      },
    ],
  },
];
