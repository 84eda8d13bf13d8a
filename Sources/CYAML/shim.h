#ifndef HITL_CYAML_SHIM_H
#define HITL_CYAML_SHIM_H
#include <yaml.h>
#endif
