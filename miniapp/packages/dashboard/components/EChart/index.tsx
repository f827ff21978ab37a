import { Canvas, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef } from 'react';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

type Option = Parameters<echarts.ECharts['setOption']>[0];

interface Props {
  id: string;
  option: Option;
  /** CSS px */
  height: number;
}

/**
 * One echarts chart on a Taro Canvas, in both builds: echarts draws into the canvas itself (its
 * single-canvas mode) with its canvas renderer. H5: the <canvas> inside Taro's Canvas element;
 * WeChat: the canvas 2d node from a selector query, wrapped with the few DOM methods echarts calls.
 */
export default function EChart({ id, option, height }: Props) {
  const chart = useRef<echarts.ECharts | null>(null);
  const latest = useRef(option);
  latest.current = option;

  useEffect(() => {
    let disposed = false;
    const dpr = Taro.getSystemInfoSync().pixelRatio || 2;
    // the H5 <canvas> or the weapp canvas-2d node: both have a pixel size echarts can draw on
    const start = (canvas: { width: number; height: number } | null, width: number, h: number) => {
      if (disposed || !canvas || !width) return;
      canvas.width = width * dpr;
      canvas.height = h * dpr;
      chart.current = echarts.init(canvas as unknown as HTMLCanvasElement, undefined, { width, height: h, devicePixelRatio: dpr, renderer: 'canvas' });
      chart.current.setOption(latest.current);
    };
    if (process.env.TARO_ENV === 'h5') {
      const t = setTimeout(() => {
        const host = document.getElementById(id);
        const canvas = (host?.tagName === 'CANVAS' ? host : host?.querySelector('canvas')) as HTMLCanvasElement | null;
        if (canvas) {
          canvas.style.width = '100%';
          canvas.style.height = `${height}px`;
          start(canvas, canvas.clientWidth || host!.clientWidth, height);
        }
      }, 0);
      return () => {
        disposed = true;
        clearTimeout(t);
        chart.current?.dispose();
        chart.current = null;
      };
    }
    // WeChat: echarts measures text on an offscreen canvas
    echarts.setPlatformAPI({ createCanvas: () => Taro.createOffscreenCanvas({ type: '2d' }) as unknown as HTMLCanvasElement });
    Taro.nextTick(() => {
      // A chart that cannot find its canvas node leaves the figures beside it readable: never throw
      // out of this callback (it runs on a timer, where an exception would take the page down).
      const ref = Taro.createSelectorQuery().select(`#${id}`) as ReturnType<ReturnType<typeof Taro.createSelectorQuery>['select']> | undefined;
      if (!ref?.fields) return;
      ref
        .fields({ node: true, size: true })
        .exec((res) => {
          const r = res?.[0];
          if (!r?.node) return;
          const node = r.node;
          // the DOM bits echarts touches on its root element
          Object.assign(node, { style: node.style ?? {}, addEventListener: () => undefined, removeEventListener: () => undefined, setAttribute: () => undefined, getAttribute: () => null });
          start(node, r.width, r.height);
        });
    });
    return () => {
      disposed = true;
      chart.current?.dispose();
      chart.current = null;
    };
  }, [id, height]);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return (
    <View className="xfh-echart" style={{ width: '100%', height: `${height}px` }}>
      <Canvas type="2d" id={id} canvasId={id} style={{ width: '100%', height: `${height}px` }} />
    </View>
  );
}
