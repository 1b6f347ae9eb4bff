import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument } from 'mongoose';

/**
 * An operator-confirmed or corrected classification: a labelled text the next training run
 * reads (`scripts/train.ts` from MONGODB_URI or from an export file). One per post; the latest
 * answer wins.
 */
@Schema({ collection: 'labelled_examples', versionKey: false })
export class LabelledExample {
  @Prop({ required: true, unique: true }) postId: string;
  @Prop({ required: true }) text: string;
  @Prop({ required: true }) kind: string;
  /** Taxonomy topic code; absent when the post is not an incident (thanks, other). */
  @Prop() topicCode?: string;
  @Prop() urgency?: string;
  @Prop() territoryCode?: string;
  @Prop({ type: String, required: true, enum: ['confirmed', 'corrected'] }) action: 'confirmed' | 'corrected';
  @Prop({ required: true }) labelledBy: string;
  @Prop({ required: true }) labelledAt: Date;
  /** The model whose decision was confirmed or corrected. */
  @Prop({ required: true }) modelVersion: string;
}

export type LabelledExampleDocument = HydratedDocument<LabelledExample>;
export const LabelledExampleSchema = SchemaFactory.createForClass(LabelledExample);
