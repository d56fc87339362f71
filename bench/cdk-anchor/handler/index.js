// The anchor's function (bench/cdk-anchor/app.ts): like the seed's, it logs the item it is given and returns it.
exports.handler = async (event) => {
  console.log(JSON.stringify(event));
  return event;
};
