import type { Provider } from '@nestjs/common';
import { Classifier } from '../classification/classifier';
import { loadModel } from '../model/model-loader';

/** The classifier over the committed model (or CLASSIFIER_MODEL_PATH), loaded once at start. */
export const classifierProvider: Provider = {
  provide: Classifier,
  useFactory: () => new Classifier(loadModel().model),
};
