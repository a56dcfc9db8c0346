export function Cart({ items }) {
  const onBuy = () => moesif.track('Bought', {
    skus: ['a', 2, true],
    prices: [1, 2.5, null],
    items: [{ sku: 'a' }, { sku: 'b' }],
    grid: [[1, 2], ['x']],
  });
  return <button onClick={onBuy}>Buy</button>;
}
