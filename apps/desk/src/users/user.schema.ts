import { Schema } from 'mongoose';
import { USER_ROLES, UserRole } from '../access/principal';

/** A person who signs in to the console. */
export interface UserRecord {
  userId: string;
  /** Lower-cased; unique. */
  login: string;
  displayName: string;
  role: UserRole;
  /** Required for agency staff, absent for everyone else. */
  agencyId?: string;
  passwordHash: string;
  disabled: boolean;
  /** Failed logins since the last success; the account locks for a while after a few. */
  failedLogins: number;
  lockedUntil?: Date;
  passwordChangedAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

export const USER_MODEL = 'DeskUser';

export const UserSchema = new Schema<UserRecord>(
  {
    userId: { type: String, required: true, unique: true },
    login: { type: String, required: true, unique: true },
    displayName: { type: String, required: true },
    role: { type: String, required: true, enum: USER_ROLES },
    agencyId: { type: String },
    passwordHash: { type: String, required: true },
    disabled: { type: Boolean, required: true, default: false },
    failedLogins: { type: Number, required: true, default: 0 },
    lockedUntil: { type: Date },
    passwordChangedAt: { type: Date, required: true },
  },
  { collection: 'desk_users', timestamps: true, versionKey: false },
);
UserSchema.index({ agencyId: 1 });
