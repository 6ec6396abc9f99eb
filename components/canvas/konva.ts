/**
 * The board's Konva: its core and the shapes the board draws, not the whole library (filters,
 * the transformer, paths, sprites and the rest). All of Konva is about 190 KB of code that a
 * facilitator's fresh browser compiles and runs before the first note is drawn; this is about half.
 *
 * react-konva makes each element from the Konva class of the same name, so every shape drawn in
 * components/canvas comes from here, and its class is imported here (konva.test.ts checks both).
 */
import Konva from "konva/lib/Core";
import "konva/lib/shapes/Arc";
import "konva/lib/shapes/Circle";
import "konva/lib/shapes/Label";
import "konva/lib/shapes/Line";
import "konva/lib/shapes/Rect";
import "konva/lib/shapes/Text";

export { Konva };
export { Arc, Circle, Group, Label, Layer, Line, Rect, Shape, Stage, Tag, Text } from "react-konva/lib/ReactKonvaCore";
