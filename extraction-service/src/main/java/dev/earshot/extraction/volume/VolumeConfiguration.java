package dev.earshot.extraction.volume;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Scheduling, for the gauges of the current day ({@link VolumeGauges}). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class VolumeConfiguration {}
