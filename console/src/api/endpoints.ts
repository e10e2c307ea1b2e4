import { get, post, query, request } from './client.ts';
import type {
  Adjustment, Balance, Lot, Me, Member, Page, Program, Purchase, ReasonCode, Redemption,
  ReturnResult, StatementEntry, Store,
} from './types.ts';

const programPath = (pid: string) => `/v1/programs/${encodeURIComponent(pid)}`;
const memberPath = (pid: string, mid: string) => `${programPath(pid)}/members/${encodeURIComponent(mid)}`;

export const fetchMe = (apiKey?: string) => get<Me>('/v1/me', apiKey ? { apiKey } : {});
export const listPrograms = () => get<Page<Program>>('/v1/programs');
export const getProgram = (pid: string) => get<Program>(programPath(pid));
export const listStores = (pid: string) => get<Page<Store>>(`${programPath(pid)}/stores`);

export const searchMembers = (pid: string, q: string) =>
  get<Page<Member>>(`${programPath(pid)}/members${query({ q, limit: 50 })}`);

export interface NewMember {
  phone: string;
  name?: string;
  email?: string;
  gender?: string;
  birthday?: string;
}
export const enrolMember = (pid: string, body: NewMember, key: string) =>
  post<Member>(`${programPath(pid)}/members`, body, key);

export const getMember = (pid: string, mid: string) => get<Member>(memberPath(pid, mid));
export const getBalance = (pid: string, mid: string) => get<Balance>(`${memberPath(pid, mid)}/balance`);
export const listOpenLots = (pid: string, mid: string) =>
  get<Page<Lot>>(`${memberPath(pid, mid)}/lots${query({ open: 'true' })}`);
export const getStatement = (pid: string, mid: string, cursor?: string | null) =>
  get<Page<StatementEntry>>(`${memberPath(pid, mid)}/statement${query({ limit: 20, cursor })}`);

export type StatusAction = 'suspend' | 'reactivate' | 'terminate';
export const changeStatus = (pid: string, mid: string, action: StatusAction, reason: string, key: string) =>
  post<Member>(`${memberPath(pid, mid)}/${action}`, { reason }, key);

export interface NewPurchase {
  member_id: string;
  store_id: string;
  amount_fen: number;
  receipt_no?: string;
}
export const recordPurchase = (pid: string, body: NewPurchase, key: string) =>
  post<Purchase>(`${programPath(pid)}/purchases`, body, key);
export const getPurchase = (pid: string, purchaseId: string) =>
  request<Purchase>('GET', `${programPath(pid)}/purchases/${encodeURIComponent(purchaseId)}`);

export const recordReturn = (pid: string, body: { purchase_id: string; amount_fen?: number }, key: string) =>
  post<ReturnResult>(`${programPath(pid)}/returns`, body, key);

export const redeemPoints = (pid: string, mid: string, body: { points: number; description?: string }, key: string) =>
  post<Redemption>(`${memberPath(pid, mid)}/redemptions`, body, key);

export interface NewAdjustment {
  direction: 'credit' | 'debit';
  points: number;
  reason_code: ReasonCode;
  note: string;
}
export const adjustPoints = (pid: string, mid: string, body: NewAdjustment, key: string) =>
  post<Adjustment>(`${memberPath(pid, mid)}/adjustments`, body, key);
