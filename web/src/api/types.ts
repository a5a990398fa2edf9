// The shapes of the store's APIs, as their services' READMEs define them.

export interface Product {
  id: number;
  sku: string;
  detectionLabel: string | null;
  nameKo: string;
  nameEn: string;
  brand: string;
  category: string;
  price: number;
  stock: number;
  isActive: boolean;
  imageUrl: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Page<T> {
  pageIndex: number;
  pageSize: number;
  count: number;
  data: T[];
}

export interface Category {
  slug: string;
  nameKo: string;
  nameEn: string;
}

export interface StockMovement {
  delta: number;
  stockAfter: number;
  reason: string;
  createdAt: string;
}

export interface CartLine {
  productId: number;
  sku: string;
  detectionLabel: string | null;
  nameKo: string;
  nameEn: string;
  imageUrl: string | null;
  unitPrice: number;
  quantity: number;
  lineTotal: number;
  source: 'scan' | 'manual';
  needsCheck: boolean;
}

export type ChecklistItemStatus = 'scanned' | 'missing' | 'outOfStock';

export interface CartChecklist {
  code: string;
  items: { productId: number; wanted: number; inCart: number; status: ChecklistItemStatus }[];
}

export interface Cart {
  id: string;
  lines: CartLine[];
  total: number;
  currency: string;
  checklist?: CartChecklist | null;
  updatedAt: string;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Detection {
  frame: number;
  label: string;
  productId: number | null;
  score: number;
  box: Box;
  needsCheck: boolean;
}

export interface ScanResult {
  cart: Cart;
  detections: Detection[];
}

export interface Checklist {
  id: string;
  code: string;
  items: { productId: number; quantity: number }[];
  updatedAt?: string;
}

export interface OrderLine {
  productId: number;
  sku: string;
  nameKo: string;
  nameEn: string;
  unitPrice: number;
  quantity: number;
  lineTotal: number;
}

export interface Order {
  id: string;
  state: string;
  lines: OrderLine[];
  total: number;
  currency?: string;
  createdAt?: string;
  paidAt?: string | null;
  paymentReference?: string | null;
  history?: { state: string; at: string }[];
}

/** An order as the staff list shows it; its receipt (`Order`) is read on its own. */
export interface OrderSummary {
  id: string;
  cartId: string;
  state: string;
  total: number;
  currency: string;
  items: number;
  createdAt: string;
  paidAt: string | null;
}

export interface SearchHit {
  productId: number;
  sku: string;
  nameKo: string;
  nameEn: string;
  brand: string;
  category: string;
  price: number;
  stock: number;
  imageUrl: string | null;
  score: number;
  highlight?: { nameKo?: string; nameEn?: string };
}

export interface SearchResult {
  total: number;
  page: number;
  pageSize: number;
  items: SearchHit[];
  facets?: { category?: { value: string; count: number }[] };
}

export interface Suggestion {
  text: string;
  productId: number;
  sku: string;
}

export interface StaffSession {
  signedIn: boolean;
  userName: string | null;
  antiforgeryToken: string;
}
