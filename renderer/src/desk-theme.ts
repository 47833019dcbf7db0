import { theme as antdTheme, type ThemeConfig } from 'antd';
import { FONT_SIZE_PX, type Appearance } from '../../shared/appearance';

/**
 * Ant Design's theme for the desk (issue 15): the appearance setting picks the algorithms (light or
 * dark, compact) and the text size; the palette is moved to colours that meet WCAG AA (4.5:1) for
 * the text they colour, on the surfaces they sit on. Ant Design's own defaults do not (secondary
 * text 3.4:1, primary links 4.1:1, warning text 1.9:1 on white), which axe reports as serious.
 * Tags use the status colours (success, warning, error, processing), never the preset hues, whose
 * text Ant Design draws at 3.4:1 and a token cannot move.
 */
export const LIGHT_PALETTE = {
  colorPrimary: '#0958d9',
  colorInfo: '#0958d9',
  colorSuccess: '#237804',
  colorWarning: '#874d00',
  colorError: '#cf1322',
  colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
  colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
  colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
  // the darker seeds above would derive greyish tints: the usual light ones are kept
  colorPrimaryBg: '#e6f4ff',
  colorPrimaryBgHover: '#bae0ff',
  colorPrimaryBorder: '#91caff',
  colorInfoBg: '#e6f4ff',
  colorInfoBorder: '#91caff',
  colorSuccessBg: '#f6ffed',
  colorSuccessBorder: '#b7eb8f',
  colorWarningBg: '#fffbe6',
  colorWarningBorder: '#ffe58f',
  colorErrorBg: '#fff2f0',
  colorErrorBorder: '#ffccc7',
} as const;

export const DARK_PALETTE = {
  colorLink: '#69b1ff',
  colorError: '#ff7875',
  colorWarning: '#ffc53d',
  colorSuccess: '#95de64',
  colorTextSecondary: 'rgba(255, 255, 255, 0.72)',
  colorTextTertiary: 'rgba(255, 255, 255, 0.62)',
  colorTextPlaceholder: 'rgba(255, 255, 255, 0.55)',
} as const;

/**
 * On a dark surface no blue or red serves both as text and under white text (4.5:1 each way needs
 * a luminance both above 0.21 and below 0.18): the selected tab takes the link blue, and a solid
 * danger button (仍要挂断) dark text on its light red.
 */
const COMPONENTS = {
  light: {},
  dark: {
    Tabs: { itemSelectedColor: DARK_PALETTE.colorLink, itemActiveColor: DARK_PALETTE.colorLink, itemHoverColor: DARK_PALETTE.colorLink },
    Button: { dangerColor: '#141414' },
  },
} as const;

/** No animations: on a thin desk they cost call setup time (see README, bench:calls). */
export function deskTheme({ fontSize, theme, density }: Appearance): ThemeConfig {
  return {
    algorithm: [theme === 'dark' ? antdTheme.darkAlgorithm : antdTheme.defaultAlgorithm, ...(density === 'compact' ? [antdTheme.compactAlgorithm] : [])],
    token: { motion: false, fontSize: FONT_SIZE_PX[fontSize], ...(theme === 'dark' ? DARK_PALETTE : LIGHT_PALETTE) },
    components: COMPONENTS[theme],
  };
}
