/** Ferry's annotations: what may cross to another process, and where an API moves values. */
module dev.ferry.annotation {
  exports dev.ferry.annotation;
}
