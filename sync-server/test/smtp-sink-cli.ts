// The SMTP sink of mail-servers.ts as a process, for suites outside sync-server (the desktop e2e):
// prints one JSON line `{"ready":{host,port,user,password}}`, then `{"mail":{to,text}}` per mail.
// Run: `tsx sync-server/test/smtp-sink-cli.ts`; it stops when its stdin closes.
import { startSmtpSink } from './mail-servers';

const sink = await startSmtpSink();
const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
print({ ready: { host: sink.host, port: sink.port, user: sink.user, password: sink.password } });
let seen = 0;
const timer = setInterval(() => {
  for (; seen < sink.received.length; seen++) {
    const m = sink.received[seen]!;
    for (const to of m.envelope.to) print({ mail: { to, text: m.parsed.text ?? '' } });
  }
}, 50);
process.stdin.resume();
process.stdin.on('end', () => {
  clearInterval(timer);
  void sink.stop().then(() => process.exit(0));
});
