import { defineResources, defineTypes, topLevel } from './schema.js';
import { condition } from './core.js';

/** autoscaling/v2: horizontal pod autoscalers. */
defineResources([['autoscaling', 'v2', 'HorizontalPodAutoscaler']]);

defineTypes({
  HorizontalPodAutoscaler: {
    d: 'Scales a workload\'s replicas up and down to keep metrics such as CPU use near a target.',
    f: topLevel({
      spec: 'HorizontalPodAutoscalerSpec|The target workload, replica bounds and metrics.',
      status: 'HorizontalPodAutoscalerStatus|The current metrics and replica counts. Read-only.',
    }),
  },
  HorizontalPodAutoscalerSpec: {
    d: 'The desired behaviour of an autoscaler.',
    f: {
      behavior: 'HorizontalPodAutoscalerBehavior|How fast to scale up and down.',
      maxReplicas: '!integer|The most replicas to scale to.',
      metrics: '[]MetricSpec|The metrics to follow; 80% CPU utilization when empty.',
      minReplicas: 'integer|The fewest replicas to scale to. Defaults to 1.',
      scaleTargetRef: '!CrossVersionObjectReference|The workload to scale.',
    },
  },
  CrossVersionObjectReference: {
    d: 'A reference to the object being scaled.',
    f: { apiVersion: 'string|Its API version.', kind: '!string|Its kind, such as Deployment.', name: '!string|Its name.' },
  },
  MetricSpec: {
    d: 'One metric to scale on; type says which source is set.',
    f: {
      containerResource: 'ContainerResourceMetricSource|A resource of one container of the pods.',
      external: 'ExternalMetricSource|A metric from outside the cluster.',
      object: 'ObjectMetricSource|A metric of another object.',
      pods: 'PodsMetricSource|A custom metric averaged over the pods.',
      resource: 'ResourceMetricSource|CPU or memory of the pods, from requests.',
      type: '!string|ContainerResource, External, Object, Pods or Resource.',
    },
  },
  ResourceMetricSource: {
    d: 'A resource (cpu, memory) of the pods to scale on.',
    f: { name: '!string|The resource name.', target: '!MetricTarget|The target value.' },
  },
  MetricTarget: {
    d: 'The value a metric should be kept at.',
    f: {
      averageUtilization: 'integer|Average use as a percentage of the pods\' requests.',
      averageValue: 'Quantity|Average value across the pods.',
      type: '!string|Utilization, Value or AverageValue.',
      value: 'Quantity|The value of the metric.',
    },
  },
  HorizontalPodAutoscalerBehavior: {
    d: 'Scaling speed limits in each direction.',
    f: { scaleDown: 'HPAScalingRules|Rules for scaling down.', scaleUp: 'HPAScalingRules|Rules for scaling up.' },
  },
  HPAScalingRules: {
    d: 'Limits on one direction of scaling.',
    f: {
      policies: '[]HPAScalingPolicy|How much may change per period.',
      selectPolicy: 'string|Which policy applies: Max, Min or Disabled.',
      stabilizationWindowSeconds: 'integer|How far back recommendations are considered, to avoid flapping.',
    },
  },
  HPAScalingPolicy: {
    d: 'A change allowed within a period.',
    f: { periodSeconds: '!integer|The period length.', type: '!string|Pods or Percent.', value: '!integer|The amount of change.' },
  },
  HorizontalPodAutoscalerStatus: {
    d: 'The observed state of an autoscaler.',
    f: {
      conditions: '[]HorizontalPodAutoscalerCondition|Conditions such as AbleToScale and ScalingActive.',
      currentMetrics: '[]MetricStatus|The last read metric values.',
      currentReplicas: 'integer|Replicas as last seen.',
      desiredReplicas: '!integer|Replicas the autoscaler wants.',
      lastScaleTime: 'Time|When it last scaled.',
      observedGeneration: 'integer|The generation last acted on.',
    },
  },
});

defineTypes({
  HorizontalPodAutoscalerCondition: condition('an autoscaler'),
  ContainerResourceMetricSource: {
    d: 'A resource of one container in each pod to scale on.',
    f: { container: '!string|The container\'s name.', name: '!string|The resource name.', target: '!MetricTarget|The target value.' },
  },
  PodsMetricSource: {
    d: 'A custom metric of the pods, averaged, to scale on.',
    f: { metric: '!MetricIdentifier|The metric.', target: '!MetricTarget|The target value.' },
  },
  ObjectMetricSource: {
    d: 'A metric describing another object, such as requests per second of an Ingress.',
    f: {
      describedObject: '!CrossVersionObjectReference|The object the metric describes.',
      metric: '!MetricIdentifier|The metric.',
      target: '!MetricTarget|The target value.',
    },
  },
  ExternalMetricSource: {
    d: 'A metric from outside the cluster, such as a queue length.',
    f: { metric: '!MetricIdentifier|The metric.', target: '!MetricTarget|The target value.' },
  },
  MetricIdentifier: {
    d: 'A metric, by name and labels.',
    f: { name: '!string|The metric\'s name.', selector: 'LabelSelector|Labels narrowing the metric.' },
  },
  MetricStatus: {
    d: 'The last read value of one metric; type says which source is set.',
    f: {
      containerResource: 'ContainerResourceMetricStatus|A container resource metric.',
      external: 'ExternalMetricStatus|An external metric.',
      object: 'ObjectMetricStatus|An object metric.',
      pods: 'PodsMetricStatus|A pods metric.',
      resource: 'ResourceMetricStatus|A resource metric.',
      type: '!string|ContainerResource, External, Object, Pods or Resource.',
    },
  },
  ContainerResourceMetricStatus: {
    d: 'The current value of a resource metric of one container of the pods.',
    f: {
      container: '!string|The container whose usage is read.',
      current: '!MetricValueStatus|The current value.',
      name: '!string|The resource name, such as cpu or memory.',
    },
  },
  ExternalMetricStatus: {
    d: 'The current value of a metric from outside the cluster.',
    f: { current: '!MetricValueStatus|The current value.', metric: '!MetricIdentifier|The metric.' },
  },
  ObjectMetricStatus: {
    d: 'The current value of a metric describing another object.',
    f: {
      current: '!MetricValueStatus|The current value.',
      describedObject: '!CrossVersionObjectReference|The object the metric describes.',
      metric: '!MetricIdentifier|The metric.',
    },
  },
  PodsMetricStatus: {
    d: 'The current value of a custom metric averaged over the pods.',
    f: { current: '!MetricValueStatus|The current average.', metric: '!MetricIdentifier|The metric.' },
  },
  ResourceMetricStatus: {
    d: 'The current value of a resource metric.',
    f: { current: '!MetricValueStatus|The current value.', name: '!string|The resource name.' },
  },
  MetricValueStatus: {
    d: 'A metric\'s current value.',
    f: {
      averageUtilization: 'integer|Average use as a percentage of the pods\' requests.',
      averageValue: 'Quantity|Average value across the pods.',
      value: 'Quantity|The value.',
    },
  },
});
