import { Tooltip, Typography } from 'antd';

/**
 * Ids are `pur_` + a 26-character ULID whose head is a timestamp shared by neighbours;
 * the tail tells rows apart, so show prefix and tail and keep the whole id in the tooltip and copy.
 */
/** `pur_…ABC123`: prefix and tail (a short id as text, where a component cannot go). */
export function shortIdText(id: string): string {
  const cut = id.indexOf('_');
  return id.length > 16 ? `${id.slice(0, cut + 1)}…${id.slice(-6)}` : id;
}

export function ShortId({ id, onClick }: { id: string; onClick?: (() => void) | undefined }) {
  const short = shortIdText(id);
  const text = onClick ? <Typography.Link onClick={onClick}>{short}</Typography.Link> : <Typography.Text>{short}</Typography.Text>;
  return (
    <Tooltip title={id}>
      <span data-id={id} style={{ whiteSpace: 'nowrap' }}>
        {text}
        <Typography.Text copyable={{ text: id }} />
      </span>
    </Tooltip>
  );
}
