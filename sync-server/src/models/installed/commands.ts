// `npm run models -- <command>`: the semantic search models of this server's data folder.
//   add <name>      download the registry's pinned files from the hub into <DATA_DIR>/models/<name>/
//   list            installed models and their sizes, downloads not finished, the registry's others
//   remove <name>   delete the model's folder
//   pin <name> [--revision <rev>]   print the registry entry with the hub's sha, sizes and SHA-256s
// Options: --data-dir <dir> (else DATA_DIR, else ./data where npm started, as the server's), --registry
// <file.json> (else MODELS_REGISTRY): more models. HF_ENDPOINT and HF_TOKEN as huggingface_hub reads them.
// Returns the exit code (0 done, 1 failed, 2 bad usage); writes to the given outputs.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { installModel, listModels, removeModel } from './install';
import { pinModel } from './pin';
import { progressPrinter, type Output } from './progress';
import { loadRegistry, type RegistryModel } from './registry';

export type CliIo = { out: Output; err: Output; env: Record<string, string | undefined> };

const usage =
  'usage: npm run models -- add <name> | list | remove <name> | pin <name> [--revision <sha|branch>]\n' +
  '  options: --data-dir <dir>, --registry <file.json>';

const size = (bytes: number) =>
  bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${(bytes / 1000).toFixed(1)} kB`;

export async function runModelsCli(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        registry: { type: 'string' },
        revision: { type: 'string' },
      },
    });
  } catch (error) {
    io.err.write(`${(error as Error).message}\n${usage}\n`);
    return 2;
  }
  const [command, name, ...rest] = parsed.positionals;
  const needsName = command === 'add' || command === 'remove' || command === 'pin';
  if (!command || rest.length || (needsName ? !name : name)) {
    io.err.write(`${usage}\n`);
    return 2;
  }
  const { env } = io;
  const base = env.INIT_CWD ?? process.cwd();
  // As the server reads it (main.ts): DATA_DIR against the process's folder, else ./data where npm started.
  const flag = parsed.values['data-dir'];
  const dataDir = flag ? resolve(base, flag) : env.DATA_DIR ? resolve(env.DATA_DIR) : join(base, 'data');
  const registryPath = parsed.values.registry ?? env.MODELS_REGISTRY;
  const endpoint = env.HF_ENDPOINT || undefined;
  const token = env.HF_TOKEN || undefined;
  try {
    const registry = loadRegistry(registryPath ? resolve(base, registryPath) : undefined);
    const known = (n: string): RegistryModel => {
      const model = registry.find((m) => m.name === n);
      if (!model)
        throw new Error(`no model "${n}" in the registry (known: ${registry.map((m) => m.name).join(', ')})`);
      return model;
    };
    switch (command) {
      case 'add': {
        const model = known(name!);
        const printer = progressPrinter(io.out);
        printer.say(`${model.name}: ${model.repo} into ${join(dataDir, 'models', model.name)}`);
        const result = await installModel(model, {
          dataDir,
          ...(endpoint ? { endpoint } : {}),
          ...(token ? { token } : {}),
          onProgress: (p) => printer.progress(p),
          onRetry: (r) =>
            printer.say(
              `${r.label}: connection lost (${r.reason}); continuing from ${r.from} bytes (try ${r.attempt})`,
            ),
        });
        for (const path of result.kept) printer.say(`${path}: already here, checked`);
        printer.say(
          `${model.name}: installed (${size(result.bytes)}); choose it in Settings → Knowledge embeddings`,
        );
        return 0;
      }
      case 'list': {
        const models = listModels(dataDir, registry);
        if (!models.length) io.out.write('no models\n');
        for (const m of models) {
          const what =
            m.state === 'installed'
              ? `installed  ${size(m.bytes)}  ${m.repo}@${m.revision?.slice(0, 12)}`
              : m.state === 'incomplete'
                ? `incomplete ${size(m.bytes)}  (run add again to continue)`
                : `available  ${m.repo}`;
          io.out.write(`${m.name.padEnd(28)} ${what}\n`);
        }
        return 0;
      }
      case 'remove': {
        if (!removeModel(dataDir, name!)) {
          io.err.write(`${name}: not installed in ${join(dataDir, 'models')}\n`);
          return 1;
        }
        io.out.write(
          `${name}: removed (teams that chose it search by full text until they choose another)\n`,
        );
        return 0;
      }
      case 'pin': {
        const pinned = await pinModel(known(name!), {
          ...(endpoint ? { endpoint } : {}),
          ...(token ? { token } : {}),
          ...(parsed.values.revision ? { revision: parsed.values.revision } : {}),
        });
        io.out.write(`${JSON.stringify(pinned, null, 2)}\n`);
        return 0;
      }
      default:
        io.err.write(`unknown command "${command}"\n${usage}\n`);
        return 2;
    }
  } catch (error) {
    io.err.write(`models ${command}: ${(error as Error).message}\n`);
    return 1;
  }
}
