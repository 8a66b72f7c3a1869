package dev.bootbench.menu;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** A line of a menu: a gap (separator, optionally with a heading) or a selectable entry. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = Gap.class, name = "gap"), @JsonSubTypes.Type(value = Entry.class, name = "entry")})
public sealed interface MenuItem permits Gap, Entry {}
