/**
 * ECharts with only the parts the renderer's charts use (tree-shaken: the full bundle is about 1 MB of
 * the app's JavaScript). The option builders in src-main/shared/charts draw bar, line and scatter series
 * on a cartesian grid, with tooltips, legends, mark lines and label layout; a builder that starts using another series
 * type or component must add it here (test/component/echarts-parts.test.ts renders every builder through
 * this list and fails on anything missing). The PDF report's server-side rendering keeps full echarts.
 */
import * as echarts from 'echarts/core';
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { LabelLayout } from 'echarts/features';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  LineChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  LabelLayout, // the comparables chart hides overlapping labels (labelLayout.hideOverlap)
  CanvasRenderer,
]);

export { echarts };
export type { ECharts } from 'echarts/core';
