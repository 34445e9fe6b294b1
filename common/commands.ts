/** Command ids, shared by the manifest, the client and the tests. */
export const COMMANDS = {
  buildImage: 'layerlens.buildImage',
  showStageGraph: 'layerlens.showStageGraph',
  showForecast: 'layerlens.showForecast',
} as const;

/** The language client's id; also the prefix of its output channel and trace setting. */
export const CLIENT_ID = 'layerlens';
export const CLIENT_NAME = 'Layerlens';
