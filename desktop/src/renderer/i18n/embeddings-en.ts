// English strings of the knowledge embeddings card (Settings) (part of en.ts).
export const embeddingsEn = {
  'embeddings.title': 'Knowledge embeddings',
  'embeddings.hint':
    "The model that turns the team's knowledge into vectors, so the agents find passages by meaning. Pick one of the team's model providers that has an embeddings model, or the built-in one. A change embeds again only what the new model has not embedded yet.",
  'embeddings.provider': 'Embeddings provider',
  'embeddings.builtIn': 'Built-in (on the server, no download)',
  'embeddings.serverModel': 'Built-in semantic model (on this server) · {model}',
  'embeddings.option': '{name} · {model}',
  'embeddings.installedModel': 'Semantic model installed on this server · {name}',
  'embeddings.indexing':
    'Knowledge is being embedded with the new model in the background: {current, number} of {chunks, number}. Search meanwhile uses the previous index.',
  'embeddings.indexingSettings': 'Embeddings settings',
  'embeddings.noChoices':
    'No team provider has an embeddings model yet: add one with it under the model providers.',
  'embeddings.save': 'Use this provider',
  'embeddings.saved': 'Knowledge embeddings provider changed',
  'embeddings.refresh': 'Refresh',
  'embeddings.progress':
    '{current, number} of {chunks, plural, one {# chunk} other {# chunks}} embedded with {model}',
  'embeddings.progressLocal':
    '{current, number} of {chunks, plural, one {# chunk} other {# chunks}} embedded with the built-in model',
  'embeddings.state.starting': 'Starting',
  'embeddings.state.ready': 'Ready',
  'embeddings.state.switching': 'Embedding with the new model: {current, number} of {chunks, number}',
  'embeddings.state.unavailable':
    'The chosen provider does not answer: questions are answered by full-text search',
  'embeddings.byModel': 'Stored vectors: {list}',
  'embeddings.byModelItem': '{model} ({provider}): {chunks, number}',
  'embeddings.byModelOnly': '{model}: {chunks, number}',
  'embeddings.byModelLocal': 'built-in model: {chunks, number}',
  'embeddings.pending':
    '{count, plural, one {# chunk waits} other {# chunks wait}} for the provider (searched by text meanwhile)',
  'embeddings.fallbacks':
    '{count, plural, one {# question was} other {# questions were}} answered by full-text search because the provider failed',
  'embeddings.lastError': 'Last failure ({when}): {message}',
  'embeddings.notRunning': 'The knowledge index is not running on this server yet.',
};
