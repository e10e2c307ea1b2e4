import { Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BreakdownItem } from '../api/types.ts';
import { useLang } from '../session/lang.tsx';
import { formatPoints } from './money.ts';
import { ruleName, type RuleNames } from './rule-names.ts';

interface Props {
  items: BreakdownItem[];
  ruleNames: RuleNames;
  /** The purchase's lines, to show a line's SKU beside its number. */
  lines?: { sku: string; category?: string | null }[] | null | undefined;
  /** The unsaved rule of a dry run: its items carry the id `draft` or the id of the rule it edits. */
  draft?: { id: string; name: string } | null | undefined;
  testId?: string;
}

/**
 * Where each point of a purchase came from: the base earn, the tier bonus and each rule, with
 * what it asked and what the caps granted. The member's statement, the purchase and the rule
 * editor's dry run all show it the same way.
 */
export function BreakdownTable({ items, ruleNames, lines, draft, testId = 'breakdown-table' }: Props) {
  const { t } = useTranslation();
  const { lang } = useLang();

  function source(i: BreakdownItem) {
    if (i.source !== 'rule') return <Tag color={i.source === 'base' ? 'default' : 'gold'}>{t(`breakdown.sources.${i.source}`)}</Tag>;
    const id = i.rule_id ?? '';
    if (draft && id === draft.id) return <span data-rule-id={id}>{draft.name}<Typography.Text type="secondary">{t('breakdown.draft')}</Typography.Text></span>;
    const known = ruleNames.get(id);
    return (
      <span data-rule-id={id}>
        {known ? ruleName(known, lang) : id}
        {i.rule_version !== null && <Typography.Text type="secondary"> v{i.rule_version}</Typography.Text>}
      </span>
    );
  }

  function line(n: number | null) {
    if (n === null) return <Typography.Text type="secondary">{t('breakdown.wholePurchase')}</Typography.Text>;
    const l = lines?.[n];
    return l ? <span>{t('breakdown.lineN', { n: n + 1 })} · {l.sku}</span> : t('breakdown.lineN', { n: n + 1 });
  }

  const columns: TableColumnsType<BreakdownItem & { key: number }> = [
    { title: t('breakdown.source'), key: 'source', render: (_: unknown, i) => source(i) },
    { title: t('breakdown.line'), dataIndex: 'line', width: 110, render: line },
    { title: t('breakdown.asked'), dataIndex: 'asked', width: 70, align: 'right', render: formatPoints },
    {
      title: t('breakdown.granted'), dataIndex: 'granted', width: 70, align: 'right',
      render: (n: number, i) => <Typography.Text strong type={n < i.asked ? 'warning' : undefined}>{formatPoints(n)}</Typography.Text>,
    },
    {
      title: t('breakdown.trimmedBy'), dataIndex: 'trimmed_by', width: 130,
      render: (caps: BreakdownItem['trimmed_by']) => (caps.length
        ? <Space size={[0, 4]} wrap>{caps.map((c) => <Tag key={c} color="orange">{t(`breakdown.caps.${c}`)}</Tag>)}</Space>
        : t('common.none')),
    },
  ];
  const asked = items.reduce((s, i) => s + i.asked, 0);
  const granted = items.reduce((s, i) => s + i.granted, 0);

  return (
    <Table<BreakdownItem & { key: number }>
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={items.map((i, key) => ({ ...i, key }))}
      pagination={false}
      locale={{ emptyText: t('breakdown.empty') }}
      data-testid={testId}
      onRow={(i) => ({ ...({ 'data-testid': 'breakdown-row', 'data-source': i.source } as object) })}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0} colSpan={2}><Typography.Text strong>{t('breakdown.total')}</Typography.Text></Table.Summary.Cell>
          <Table.Summary.Cell index={2} align="right">{formatPoints(asked)}</Table.Summary.Cell>
          <Table.Summary.Cell index={3} align="right">
            <Typography.Text strong data-testid={`${testId}-granted`}>{formatPoints(granted)}</Typography.Text>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={4} />
        </Table.Summary.Row>
      )}
    />
  );
}
