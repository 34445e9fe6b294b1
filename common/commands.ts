/** Command ids, shared by the manifest, the client, the server's CodeLenses and the tests. */
export const COMMANDS = {
  buildImage: 'layerlens.buildImage',
  buildStage: 'layerlens.buildStage',
  buildWithRegistryCache: 'layerlens.buildWithRegistryCache',
  buildWithSecrets: 'layerlens.buildWithSecrets',
  showBuildCommand: 'layerlens.showBuildCommand',
  copyBuildScript: 'layerlens.copyBuildScript',
  recordSecrets: 'layerlens.recordSecrets',
  showStageGraph: 'layerlens.showStageGraph',
  openStageLine: 'layerlens.openStageLine',
  showForecast: 'layerlens.showForecast',
  openSample: 'layerlens.openSample',
  restartServer: 'layerlens.restartServer',
  showCacheDetails: 'layerlens.showCacheDetails',
} as const;

/** The task type users can put in tasks.json; its properties are declared in the manifest. */
export const BUILD_TASK_TYPE = 'layerlens-build';

/** The language client's id; also the prefix of its output channel and trace setting. */
export const CLIENT_ID = 'layerlens';
export const CLIENT_NAME = 'Layerlens';
