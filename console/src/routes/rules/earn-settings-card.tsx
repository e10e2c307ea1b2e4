import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Col, Descriptions, Form, InputNumber, Radio, Row, Select, Space, Tag, Typography } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { getProgram, updateProgram } from '../../api/endpoints.ts';
import type { Program, ProgramUpdate } from '../../api/types.ts';
import { FormModal } from '../../lib/form-modal.tsx';
import { formatPoints } from '../../lib/money.ts';
import { useSession } from '../../session/session.tsx';
import { CAPS, yuanText } from './rule-text.ts';

type CapKey = (typeof CAPS)[number][0];

interface Values {
  earn_on: Program['earn_on'];
  excl_categories: string[];
  excl_skus: string[];
  caps: Partial<Record<CapKey, number | null>>;
}

/** The program's earn settings beside its rules: the basis, what never earns, the caps over every rule. */
export function EarnSettingsCard() {
  const { t } = useTranslation();
  const { program: current } = useSession();
  const [program, setProgram] = useState<Program | null>(null);
  const [open, setOpen] = useState(false);

  const load = useCallback(() => {
    getProgram(current!.id).then(setProgram, () => setProgram(null));
  }, [current]);
  useEffect(load, [load]);

  async function submit(v: Values) {
    const caps: ProgramUpdate['earn_caps'] = {};
    for (const [k] of CAPS) {
      const n = v.caps[k];
      if (n !== null && n !== undefined) caps[k] = n;
    }
    const body: ProgramUpdate = {
      earn_on: v.earn_on,
      earn_exclusions: { categories: v.excl_categories.map((s) => s.trim()).filter(Boolean), skus: v.excl_skus.map((s) => s.trim()).filter(Boolean) },
      earn_caps: caps,
    };
    setProgram(await updateProgram(current!.id, body));
    return t('rules.settings.saved');
  }

  const p = program;
  const tags = (xs: string[]) => (xs.length ? <Space size={[4, 4]} wrap>{xs.map((x) => <Tag key={x}>{x}</Tag>)}</Space> : t('rules.settings.none'));
  return (
    <Card
      title={<Space><SettingOutlined />{t('rules.settings.title')}</Space>}
      loading={!p}
      data-testid="earn-settings"
      extra={<Button onClick={() => setOpen(true)} disabled={!p} data-testid="earn-settings-edit">{t('rules.settings.editButton')}</Button>}
    >
      {p && (
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'rate', label: t('rules.settings.rate'), children: t('rules.settings.rateText', { points: p.earn_rate.points, yuan: yuanText(p.earn_rate.per_fen) }) },
            { key: 'on', label: t('rules.settings.earnOn'), children: t(`rules.settings.earnOnValues.${p.earn_on}`) },
            {
              key: 'caps', label: t('rules.settings.caps'),
              children: CAPS.some(([k]) => p.earn_caps[k] !== undefined)
                ? <Space size={[4, 4]} wrap>{CAPS.filter(([k]) => p.earn_caps[k] !== undefined).map(([k, label]) => (
                  <Tag key={k} color="orange">{t(`rules.settings.${label}`)} {formatPoints(p.earn_caps[k]!)}</Tag>
                ))}</Space>
                : t('rules.settings.noCap'),
            },
            { key: 'cats', label: t('rules.settings.exclCategories'), children: tags(p.earn_exclusions.categories) },
            { key: 'skus', label: t('rules.settings.exclSkus'), children: tags(p.earn_exclusions.skus) },
          ]}
        />
      )}
      {p && (
        <FormModal<Values>
          open={open}
          onClose={() => setOpen(false)}
          title={t('rules.settings.editTitle')}
          testId="earn-settings-form"
          onSubmit={submit}
          fieldMap={{ categories: 'excl_categories', skus: 'excl_skus', earn_exclusions: 'excl_categories' }}
          initialValues={{ earn_on: p.earn_on, excl_categories: p.earn_exclusions.categories, excl_skus: p.earn_exclusions.skus, caps: { ...p.earn_caps } }}
        >
          <Form.Item name="earn_on" label={t('rules.settings.earnOn')}>
            <Radio.Group options={(['paid', 'before_discount'] as const).map((v) => ({ value: v, label: t(`rules.settings.earnOnValues.${v}`) }))} />
          </Form.Item>
          <Form.Item name="excl_categories" label={t('rules.settings.exclCategories')} tooltip={t('rules.editor.tagsHelp')}>
            <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} suffixIcon={null} />
          </Form.Item>
          <Form.Item name="excl_skus" label={t('rules.settings.exclSkus')} tooltip={t('rules.editor.tagsHelp')}>
            <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} suffixIcon={null} />
          </Form.Item>
          <Typography.Text strong>{t('rules.settings.caps')}</Typography.Text>
          <Row gutter={12} style={{ marginTop: 8 }}>
            {CAPS.map(([k, label]) => (
              <Col span={12} key={k}>
                <Form.Item name={['caps', k]} label={t(`rules.settings.${label}`)}>
                  <InputNumber min={0} precision={0} style={{ width: '100%' }} placeholder={t('rules.settings.noCap')} data-testid={`earn-cap-${k}`} />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </FormModal>
      )}
    </Card>
  );
}
