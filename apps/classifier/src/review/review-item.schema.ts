import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument } from 'mongoose';

export const REVIEW_STATUSES = ['pending', 'confirmed', 'corrected'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** The classifier's decision as shown to the operator. */
@Schema({ _id: false })
export class ReviewDecision {
  @Prop({ required: true }) kind: string;
  @Prop({ required: true }) kindConfidence: number;
  @Prop() dismissalReason?: string;
  @Prop({ required: true }) category: string;
  @Prop({ required: true }) categoryConfidence: number;
  @Prop({ required: true }) topicCode: string;
  @Prop({ required: true }) topicConfidence: number;
  @Prop({ type: [{ code: String, confidence: Number, _id: false }], default: [] }) alternatives: { code: string; confidence: number }[];
  @Prop({ required: true }) urgency: string;
  @Prop() territoryCode?: string;
  @Prop() address?: string;
  @Prop({ type: [String], default: [] }) reviewReasons: string[];
  @Prop({ type: [String], default: [] }) rules: string[];
  @Prop({ type: [String], default: [] }) features: string[];
}

const ReviewDecisionSchema = SchemaFactory.createForClass(ReviewDecision);

/** A decision waiting for, or answered by, an operator. One per post; an edit refreshes a pending one. */
@Schema({ collection: 'review_items', versionKey: false, timestamps: true })
export class ReviewItem {
  @Prop({ required: true, unique: true }) postId: string;
  @Prop({ required: true }) text: string;
  @Prop({ required: true }) postedAt: Date;
  @Prop() communityTerritory?: string;
  @Prop() revision?: number;
  @Prop({ required: true }) modelVersion: string;
  @Prop({ type: ReviewDecisionSchema, required: true }) decision: ReviewDecision;
  @Prop({ type: String, required: true, enum: REVIEW_STATUSES, default: 'pending', index: true }) status: ReviewStatus;
  @Prop() resolvedBy?: string;
  @Prop() resolvedAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

export type ReviewItemDocument = HydratedDocument<ReviewItem>;
export const ReviewItemSchema = SchemaFactory.createForClass(ReviewItem);
// The queue is read oldest first within a status.
ReviewItemSchema.index({ status: 1, createdAt: 1 });
