import type { Provider } from '@nestjs/common';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { readEnv } from '@otklik/config';
import { Classifier } from '../classifier/classifier';
import { defaultModelPath, loadModel } from '../model/model-loader';
import { DecisionPool, defaultWorkerCount } from './decision-pool';

/** Settings of the classifier's decision path; a wrong value is named in the error at start. */
export class ClassifierEnv {
  /** Worker threads running the model beside the event loop (0: on the event loop); default every core but one, at most 4. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(64)
  CLASSIFIER_WORKERS?: number = undefined;
}

/** The classifier over the committed model (or CLASSIFIER_MODEL_PATH), loaded once at start. */
export const classifierProvider: Provider = {
  provide: Classifier,
  useFactory: () => new Classifier(loadModel().model),
};

/** The pool that decides posts; closed (workers stopped) when the application shuts down. */
export const decisionPoolProvider: Provider = {
  provide: DecisionPool,
  inject: [Classifier],
  useFactory: (classifier: Classifier) => new DecisionPool(classifier, readEnv(ClassifierEnv).CLASSIFIER_WORKERS ?? defaultWorkerCount(), defaultModelPath()),
};
