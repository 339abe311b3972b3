// The models `npm run models -- add` put in this server's data folder, as the server offers them to
// teams (`installed:<name>` in the embeddings choice): read from the local folder whenever asked (a
// model added or removed while the server runs is seen at the next look; never a network call), each
// model's embedder built once and shared by the teams that chose it (its runtime loaded on first use).
import { createOnnxEmbedder, type OnnxEmbedder } from '@app/shared/node';
import { installedModels, type InstalledModel } from './install';

export type ServerModels = {
  /** The complete models of the data folder, each with the name its vectors are recorded under. */
  list(): Array<InstalledModel & { model: string }>;
  /** The model's embedder (one per install), or undefined when it is not installed (any more). */
  embedderFor(name: string): { embedder: OnnxEmbedder; installedAt: string } | undefined;
};

export function createServerModels(dataDir: string): ServerModels {
  const embedders = new Map<string, OnnxEmbedder>();
  const embedderOf = (m: InstalledModel) => {
    const key = `${m.name}\n${m.installedAt}`;
    let embedder = embedders.get(key);
    if (!embedder) {
      embedder = createOnnxEmbedder(m.dir);
      embedders.set(key, embedder);
    }
    return embedder;
  };
  return {
    list: () => installedModels(dataDir).map((m) => ({ ...m, model: embedderOf(m).model })),
    embedderFor(name) {
      const found = installedModels(dataDir).find((m) => m.name === name);
      return found ? { embedder: embedderOf(found), installedAt: found.installedAt } : undefined;
    },
  };
}
