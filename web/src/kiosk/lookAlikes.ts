import type { Product } from '../api/types';

/** Products a doubtful line may really be: the same category first, then the same brand, then the rest the model knows. */
export function lookAlikes(productId: number, products: Product[], limit = 6): Product[] {
  const line = products.find((product) => product.id === productId);
  if (!line) return products.filter((product) => product.detectionLabel).slice(0, limit);
  const rank = (product: Product) => (product.category === line.category ? 0 : 2) + (product.brand === line.brand ? 0 : 1);
  return products
    .filter((product) => product.id !== productId && product.detectionLabel && product.isActive)
    .sort((a, b) => rank(a) - rank(b) || a.nameKo.localeCompare(b.nameKo, 'ko'))
    .slice(0, limit);
}
