import { messages } from '../../platform/errors.ts';

export const CALENDAR_MESSAGES = messages('calendar', {
  time: { en: 'A time HH:MM (00:00–23:59)', zh: '时间格式应为 HH:MM（00:00–23:59）' },
  close_after_open: { en: 'Closing time must be after opening time', zh: '结束时间须晚于开始时间' },
  closed_no_hours: { en: 'A closed date has no hours', zh: '休息日不能设置营业时间' },
  year_mismatch: {
    en: (p: { year: number }) => `The file is for ${p.year}, not the year in the address`,
    zh: (p: { year: number }) => `文件中的年份为 ${p.year}，与地址中的年份不一致`,
  },
  date_outside_year: {
    en: (p: { year: number }) => `This date is not in ${p.year}`,
    zh: (p: { year: number }) => `该日期不在 ${p.year} 年内`,
  },
  duplicate_date: {
    en: (p: { date: string }) => `${p.date} is listed twice`,
    zh: (p: { date: string }) => `${p.date} 重复出现`,
  },
  no_hours: { en: 'The calendar is not open long enough to count these hours (set opening hours first)', zh: '营业时间不足，无法计算（请先设置营业时间）' },
  year_official: {
    en: (p: { year: number }) => `${p.year} already has the official schedule from chinese-days; a loaded file would not be used`,
    zh: (p: { year: number }) => `${p.year} 年已有官方节假日数据（chinese-days），无需导入`,
  },
});
