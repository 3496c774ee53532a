<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../../app/status_bar.py" line="67"/>
        <source>about {n} s left</source>
        <translation>约剩 {n} 秒</translation>
    </message>
    <message>
        <location filename="../../app/status_bar.py" line="68"/>
        <source>about {n} min left</source>
        <translation>约剩 {n} 分钟</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../app/dialogs.py" line="35"/>
        <source>not installed</source>
        <translation>未安装</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="60"/>
        <source>About Descent Lab</source>
        <translation>关于梯度下降实验室</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="68"/>
        <source>See how gradient descent fits a line, framework by framework: why TensorFlow and Keras print different numbers for the same model, and how to make them agree.</source>
        <translation>逐个框架观察梯度下降如何拟合一条直线：为什么同一个模型在 TensorFlow 和 Keras 中打印出的数字不同，以及怎样让它们一致。</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="72"/>
        <source>Log file: {path}</source>
        <translation>日志文件：{path}</translation>
    </message>
</context>
<context>
    <name>AppSettings</name>
    <message>
        <location filename="../../app/settings.py" line="85"/>
        <source>Settings cannot be saved in {folder}: changes will not be remembered</source>
        <translation>无法在 {folder} 中保存设置：所做的更改不会被记住</translation>
    </message>
</context>
<context>
    <name>BackendCard</name>
    <message>
        <location filename="../../widgets/backend_card.py" line="238"/>
        <source>Keras default (glorot_uniform)</source>
        <translation>Keras 默认 (glorot_uniform)</translation>
    </message>
    <message>
        <location filename="../../widgets/backend_card.py" line="240"/>
        <source>as the post&apos;s script (0, 0)</source>
        <translation>同原文脚本 (0, 0)</translation>
    </message>
    <message>
        <location filename="../../widgets/backend_card.py" line="243"/>
        <source>zeros</source>
        <translation>全零</translation>
    </message>
    <message>
        <location filename="../../widgets/backend_card.py" line="244"/>
        <source>values</source>
        <translation>指定值</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="99"/>
        <source>Start</source>
        <translation>起点</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="189"/>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="118"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="137"/>
        <source>Updates</source>
        <translation>更新次数</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="151"/>
        <source>Epochs</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="163"/>
        <source>Batch size</source>
        <translation>批量大小</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="176"/>
        <source>shuffle every epoch</source>
        <translation>每轮打乱顺序</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="206"/>
        <source>Engine</source>
        <translation>执行方式</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="221"/>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="222"/>
        <source>The optimizer, as Keras names it. Keras backends use Keras&apos;s optimizer classes, TensorFlow 1 its tf.compat.v1.train optimizers, NumPy Keras&apos;s formulas in float64; hyper-parameters left at &apos;default&apos; take each framework&apos;s own default.</source>
        <translation>优化器，按 Keras 的名称。Keras 后端使用 Keras 的优化器类，TensorFlow 1 使用其 tf.compat.v1.train 优化器，NumPy 以 float64 实现 Keras 的公式；留为“default”的超参数取各框架自己的默认值。</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="235"/>
        <source>Momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="236"/>
        <source>Fraction of the previous step kept in the next (0: none)</source>
        <translation>上一步保留到下一步的比例（0：无）</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="244"/>
        <source>Nesterov</source>
        <translation>Nesterov</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="245"/>
        <source>Nesterov momentum: look ahead along the momentum</source>
        <translation>Nesterov 动量：沿动量方向先看一步</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="250"/>
        <source>rho</source>
        <translation>rho</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="261"/>
        <source>epsilon</source>
        <translation>epsilon</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="262"/>
        <source>Small constant that keeps the denominator above 0; where it enters the formula and its default differ between frameworks</source>
        <translation>使分母保持大于 0 的小常数；它在公式中的位置和默认值因框架而异</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="271"/>
        <source>beta_1</source>
        <translation>beta_1</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="282"/>
        <source>beta_2</source>
        <translation>beta_2</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="292"/>
        <source>Initial accumulator</source>
        <translation>累加器初值</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="360"/>
        <source>How the learning rate changes with the update count, as Keras&apos;s LearningRateSchedule: update k uses schedule(k), counted from 0. The learning rate is the schedule&apos;s initial rate; changing it while training sets that base rate from the next update, and the schedule keeps counting. piecewise_constant&apos;s values are the rates: the learning rate is its first value, and changing it scales every value by new/old.</source>
        <translation>学习率如何随更新次数变化，与 Keras 的 LearningRateSchedule 相同：第 k 次更新使用 schedule(k)，从 0 开始计数。学习率是调度的初始学习率；训练中修改它会从下一次更新起改变这个基准学习率，调度继续计数。piecewise_constant 的各个值就是学习率：学习率是其中的第一个值，修改它会把每个值都乘以 新值/旧值。</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="434"/>
        <source>Boundaries</source>
        <translation>分段边界</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="435"/>
        <source>Update counts where the rate changes, in increasing order, e.g. 100, 500: update k uses values[i] while k ≤ boundaries[i], the last value after the last boundary</source>
        <translation>学习率发生变化的更新次数，按递增顺序，例如 100, 500：当 k ≤ boundaries[i] 时第 k 次更新使用 values[i]，最后一个边界之后使用最后一个值</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="447"/>
        <source>Values</source>
        <translation>分段学习率</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="448"/>
        <source>The rates, one more than boundaries, e.g. 0.1, 0.05, 0.01. The learning rate is the first value: setting it, also while training, scales every value by new/old from the next update on, so the shape stays</source>
        <translation>各段的学习率，比边界多一个，例如 0.1, 0.05, 0.01。学习率就是第一个值：设置它（训练中也可以）会从下一次更新起把每个值都乘以 新值/旧值，整体形状不变</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="251"/>
        <source>Decay of the running mean of squared gradients (Adadelta: and of squared steps); TensorFlow 1&apos;s RMSPropOptimizer calls it decay</source>
        <translation>梯度平方滑动平均的衰减率（Adadelta：也是步长平方滑动平均的衰减率）；TensorFlow 1 的 RMSPropOptimizer 称之为 decay</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="272"/>
        <source>Decay of the running mean of gradients (Lion: that mean&apos;s weight in the sign of each step, above 0)</source>
        <translation>梯度滑动平均的衰减率（Lion：每一步取符号时该平均所占的权重，须大于 0）</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="283"/>
        <source>Decay of the running mean of squared gradients (Lion: of the gradients)</source>
        <translation>梯度平方滑动平均的衰减率（Lion：梯度滑动平均的衰减率）</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="293"/>
        <source>Starting value of Adagrad&apos;s sum of squared gradients (FTRL: of its accumulator)</source>
        <translation>Adagrad 梯度平方和的初始值（FTRL：其累加器的初始值）</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="301"/>
        <source>Weight decay</source>
        <translation>权重衰减</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="302"/>
        <source>AdamW&apos;s decoupled weight decay: before each step Keras shrinks every variable, the bias too, by lr · weight_decay of itself</source>
        <translation>AdamW 的解耦权重衰减：每一步之前，Keras 把每个变量（偏置也包括在内）减去其自身的 lr · weight_decay 倍</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="311"/>
        <source>lr power</source>
        <translation>lr 幂次</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="312"/>
        <source>How FTRL&apos;s per-variable rate falls as squared gradients add up: 0 keeps it fixed, -0.5 divides it by their square root</source>
        <translation>FTRL 每个变量的学习率随梯度平方累加而下降的方式：0 保持不变，-0.5 表示除以其平方根</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="323"/>
        <source>L1 strength</source>
        <translation>L1 强度</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="324"/>
        <source>FTRL&apos;s L1 penalty: a weight stays at 0 until it is worth more</source>
        <translation>FTRL 的 L1 惩罚：权重保持为 0，直到它值得取更大的值</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="331"/>
        <source>L2 strength</source>
        <translation>L2 强度</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="332"/>
        <source>FTRL&apos;s L2 penalty, a stabilizing one</source>
        <translation>FTRL 的 L2 惩罚，起稳定作用</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="337"/>
        <source>L2 shrinkage</source>
        <translation>L2 收缩</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="338"/>
        <source>FTRL&apos;s L2 shrinkage: a penalty on the weights&apos; size, added to the loss&apos;s gradient</source>
        <translation>FTRL 的 L2 收缩：对权重大小的惩罚，加到损失的梯度上</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="346"/>
        <source>beta</source>
        <translation>beta</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="347"/>
        <source>FTRL&apos;s beta: adds beta / (2 · lr) to the L2 strength (TensorFlow 1 writes None for 0)</source>
        <translation>FTRL 的 beta：在 L2 强度上加 beta / (2 · lr)（TensorFlow 1 用 None 表示 0）</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="359"/>
        <source>Schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="375"/>
        <source>Decay steps</source>
        <translation>衰减步数</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="376"/>
        <source>Updates over which the rate decays once</source>
        <translation>学习率衰减一次所经历的更新次数</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="382"/>
        <source>Decay rate</source>
        <translation>衰减率</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="383"/>
        <source>How much the rate decays every decay_steps updates</source>
        <translation>每 decay_steps 次更新学习率衰减的比例</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="388"/>
        <source>Staircase</source>
        <translation>阶梯式</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="389"/>
        <source>Decay in steps, every decay_steps updates</source>
        <translation>每 decay_steps 次更新阶梯式衰减一次</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="394"/>
        <source>Factor</source>
        <translation>缩减因子</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="395"/>
        <source>ReduceLROnPlateau multiplies the rate by this</source>
        <translation>ReduceLROnPlateau 用它乘以学习率</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="401"/>
        <source>Patience</source>
        <translation>耐心</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="402"/>
        <source>Updates (keras-fit: epochs) without improvement before a reduction</source>
        <translation>损失没有改善多少次更新（keras-fit：轮次）后降低学习率</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="409"/>
        <source>Min delta</source>
        <translation>最小改善量</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="410"/>
        <source>Smallest decrease of the loss that counts</source>
        <translation>算作改善的最小损失下降量</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="415"/>
        <source>Cooldown</source>
        <translation>冷却</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="416"/>
        <source>Updates (keras-fit: epochs) to wait after a reduction</source>
        <translation>降低学习率后等待的更新次数（keras-fit：轮次）</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="421"/>
        <source>Min rate</source>
        <translation>最小学习率</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="422"/>
        <source>ReduceLROnPlateau never goes below this rate</source>
        <translation>ReduceLROnPlateau 不会把学习率降到这个值以下</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="427"/>
        <source>alpha</source>
        <translation>alpha</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="428"/>
        <source>Cosine decay ends at alpha times the initial rate</source>
        <translation>余弦衰减最终降到初始学习率的 alpha 倍</translation>
    </message>
    <message>
        <location filename="../../widgets/backend_card.py" line="251"/>
        <source>Python script…</source>
        <translation>Python 脚本…</translation>
    </message>
    <message>
        <location filename="../../widgets/backend_card.py" line="253"/>
        <source>Save a plain program in the original post&apos;s style that reproduces this run</source>
        <translation>保存能复现本次运行的简单程序（原博文的写法）</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="202"/>
        <source>compiled (fast)</source>
        <translation>编译（快）</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="201"/>
        <source>stepwise (as the post)</source>
        <translation>逐步（同原文）</translation>
    </message>
    <message>
        <location filename="../../widgets/backend_card.py" line="255"/>
        <source>Colour of this backend&apos;s line, path and loss curve</source>
        <translation>此后端的拟合直线、下降路径和损失曲线的颜色</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="100"/>
        <source>Where gradient descent starts. Keras draws the kernel w at random from glorot_uniform (uniform within ±√(6 / (fan_in + fan_out)) = ±1.73 here) and starts the bias at 0; the post&apos;s TensorFlow script starts at w = b = 0.</source>
        <translation>梯度下降的起点。Keras 从 glorot_uniform 随机抽取核权重 w（在 ±√(6 / (fan_in + fan_out)) 内均匀分布，此处为 ±1.73），偏置从 0 开始；原文的 TensorFlow 脚本从 w = b = 0 开始。</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="190"/>
        <source>Seed of Keras&apos;s random kernel (and of fit&apos;s shuffling)</source>
        <translation>Keras 随机核权重的种子（也用于 fit 的打乱）</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="119"/>
        <source>The learning rate scales every step: w ← w − lr · ∂loss/∂w. Too small and descent crawls; too large and it overshoots, oscillates or diverges. Changes apply from the next update, even while training.</source>
        <translation>学习率决定每一步的步长：w ← w − lr · ∂loss/∂w。太小则下降缓慢；太大则会越过最优点、来回振荡甚至发散。修改从下一次更新起生效，训练进行中也可修改。</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="138"/>
        <source>Full-batch updates: each uses the gradient over all points</source>
        <translation>全批量更新的次数：每次更新都使用全部数据点上的梯度</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="152"/>
        <source>fit(epochs=…): passes over the data</source>
        <translation>fit(epochs=…)：遍历数据的轮数</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="164"/>
        <source>fit(batch_size=…): points per update; 1 gives noisy single-sample updates</source>
        <translation>fit(batch_size=…)：每次更新使用的点数；设为 1 即逐个样本更新，噪声较大</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="177"/>
        <source>fit(shuffle=True) visits the points in a new order each epoch</source>
        <translation>fit(shuffle=True) 每轮都以新的顺序遍历数据点</translation>
    </message>
    <message>
        <location filename="../../trainers/settings.py" line="207"/>
        <source>stepwise calls the framework once per update, like the post; compiled runs many updates inside one compiled call. Both give the same numbers.</source>
        <translation>逐步：每次更新调用一次框架，与原文相同；编译：在一次编译好的调用中执行多次更新。两者得到的数字相同。</translation>
    </message>
    <message>
        <location filename="../../widgets/backend_card.py" line="256"/>
        <source>Show or hide this backend&apos;s settings</source>
        <translation>显示或隐藏此后端的设置</translation>
    </message>
    <message>
        <location filename="../../widgets/backend_card.py" line="271"/>
        <source>required</source>
        <translation>必填</translation>
    </message>
    <message>
        <location filename="../../widgets/backend_card.py" line="382"/>
        <source>Backend colour</source>
        <translation>后端颜色</translation>
    </message>
</context>
<context>
    <name>Backends</name>
    <message>
        <location filename="../../trainers/experiment.py" line="23"/>
        <source>NumPy</source>
        <translation>NumPy</translation>
    </message>
    <message>
        <location filename="../../trainers/experiment.py" line="24"/>
        <source>TensorFlow 2</source>
        <translation>TensorFlow 2</translation>
    </message>
    <message>
        <location filename="../../trainers/experiment.py" line="25"/>
        <source>TensorFlow 1 graph</source>
        <translation>TensorFlow 1 计算图</translation>
    </message>
    <message>
        <location filename="../../trainers/experiment.py" line="26"/>
        <source>Keras train_on_batch</source>
        <translation>Keras train_on_batch</translation>
    </message>
    <message>
        <location filename="../../trainers/experiment.py" line="27"/>
        <source>Keras fit</source>
        <translation>Keras fit</translation>
    </message>
</context>
<context>
    <name>BatchHighlight</name>
    <message>
        <location filename="../../app/batch_highlight.py" line="75"/>
        <source>{name}: next batch</source>
        <translation>{name}：下一批</translation>
    </message>
    <message>
        <location filename="../../app/batch_highlight.py" line="78"/>
        <source>next batch: −lr·∇L(batch) ×{scale}</source>
        <translation>下一批：−lr·∇L(该批) ×{scale}</translation>
    </message>
    <message>
        <location filename="../../app/batch_highlight.py" line="79"/>
        <source>all the data: −lr·∇L ×{scale}</source>
        <translation>全部数据：−lr·∇L ×{scale}</translation>
    </message>
    <message>
        <location filename="../../app/batch_highlight.py" line="94"/>
        <source>From {name}&apos;s current point: the step its next batch takes, −lr·∇L of that batch&apos;s MSE ({count} of {total} points), and the step all the data would take, −lr·∇L of the whole MSE. Both are drawn {{scale}}× as long, to be visible.</source>
        <translation>从 {name} 的当前点出发：其下一批所走的一步，即该批 MSE 的 −lr·∇L（{total} 个点中的 {count} 个），以及全部数据会走的一步，即整体 MSE 的 −lr·∇L。两者都放大 {{scale}} 倍绘制，以便看清。</translation>
    </message>
</context>
<context>
    <name>DataPanel</name>
    <message>
        <location filename="../../widgets/data_panel.py" line="88"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../../widgets/data_panel.py" line="89"/>
        <source>Synthetic: y = slope·x + intercept</source>
        <translation>合成：y = 斜率·x + 截距</translation>
    </message>
    <message>
        <location filename="../../widgets/data_panel.py" line="91"/>
        <source>x drawn uniformly from [0, 1), as the post&apos;s np.random.rand</source>
        <translation>x 在 [0, 1) 内均匀抽取，同原文的 np.random.rand</translation>
    </message>
    <message>
        <location filename="../../widgets/data_panel.py" line="93"/>
        <source>CSV file (x,y)</source>
        <translation>CSV 文件 (x,y)</translation>
    </message>
    <message>
        <location filename="../../widgets/data_panel.py" line="94"/>
        <source>Points</source>
        <translation>点数</translation>
    </message>
    <message>
        <location filename="../../widgets/data_panel.py" line="95"/>
        <source>Slope</source>
        <translation>斜率</translation>
    </message>
    <message>
        <location filename="../../widgets/data_panel.py" line="96"/>
        <source>Intercept</source>
        <translation>截距</translation>
    </message>
    <message>
        <location filename="../../widgets/data_panel.py" line="97"/>
        <source>Noise (sd)</source>
        <translation>噪声（标准差）</translation>
    </message>
    <message>
        <location filename="../../widgets/data_panel.py" line="98"/>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <location filename="../../widgets/data_panel.py" line="99"/>
        <source>Open CSV…</source>
        <translation>打开 CSV…</translation>
    </message>
    <message>
        <location filename="../../widgets/data_panel.py" line="101"/>
        <source>Load points from a CSV file; you can also drop one on the window</source>
        <translation>从 CSV 文件加载数据点；也可以直接把文件拖放到窗口上</translation>
    </message>
    <message>
        <location filename="../../widgets/data_panel.py" line="104"/>
        <source>Standard deviation of Gaussian noise added to y (the post used none)</source>
        <translation>加到 y 上的高斯噪声的标准差（原文没有加噪声）</translation>
    </message>
    <message>
        <location filename="../../widgets/data_panel.py" line="141"/>
        <source>no file chosen</source>
        <translation>未选择文件</translation>
    </message>
</context>
<context>
    <name>Differences</name>
    <message>
        <location filename="../../trainers/differences.py" line="141"/>
        <source>RMSprop&apos;s mean of squared gradients starts at {tf1} in TensorFlow 1 (RMSPropOptimizer&apos;s &apos;rms&apos; slot uses ones_initializer) and at {keras} in Keras (RMSprop&apos;s velocities start at zeros). Neither has an argument for it, so Align cannot make them agree: the first steps of TensorFlow 1 are much shorter.</source>
        <translation>RMSprop 的梯度平方均值在 TensorFlow 1 中从 {tf1} 开始（RMSPropOptimizer 的 &apos;rms&apos; 槽使用 ones_initializer），在 Keras 中从 {keras} 开始（RMSprop 的 velocities 从零开始）。两者都没有参数可以改变它，因此“对齐设置”无法使它们一致：TensorFlow 1 的最初几步要短得多。</translation>
    </message>
    <message>
        <location filename="../../trainers/differences.py" line="152"/>
        <source>Momentum: TensorFlow 1&apos;s MomentumOptimizer keeps a sum of gradients (accum = momentum·accum + g; w −= lr·accum), Keras&apos;s SGD a sum of steps (m = momentum·m − lr·g; w += m). With a constant learning rate both give the same numbers; after a learning-rate change TensorFlow 1 applies the new rate to the remembered gradients too, Keras only to new ones.</source>
        <translation>动量：TensorFlow 1 的 MomentumOptimizer 累积梯度（accum = momentum·accum + g；w −= lr·accum），Keras 的 SGD 累积步长（m = momentum·m − lr·g；w += m）。学习率不变时两者数值相同；学习率改变后，TensorFlow 1 把新学习率也用于记住的梯度，Keras 只用于新的梯度。</translation>
    </message>
    <message>
        <location filename="../../trainers/differences.py" line="177"/>
        <source>Adadelta&apos;s epsilon is {tf1} in TensorFlow 1 (AdadeltaOptimizer) and {keras} in Keras (Adadelta). Its steps start from sqrt(epsilon): the first is about lr·sqrt(epsilon / (1 − rho)) long, so Keras&apos;s first steps are √10 ≈ 3.2 times TensorFlow 1&apos;s. Align gives both the same epsilon.</source>
        <translation>Adadelta 的 epsilon 在 TensorFlow 1（AdadeltaOptimizer）中为 {tf1}，在 Keras（Adadelta）中为 {keras}。它的步长从 sqrt(epsilon) 起步：第一步长约为 lr·sqrt(epsilon / (1 − rho))，因此 Keras 最初几步是 TensorFlow 1 的 √10 ≈ 3.2 倍。“对齐设置”会给两者相同的 epsilon。</translation>
    </message>
    <message>
        <location filename="../../trainers/differences.py" line="190"/>
        <source>FTRL&apos;s learning rate: TensorFlow 1&apos;s FtrlOptimizer has no default (Descent Lab uses the post&apos;s {tf1}), Keras&apos;s Ftrl uses {keras}. Their other defaults agree (learning_rate_power −0.5, initial accumulator 0.1, no L1, L2 or L2 shrinkage, and a beta of 0, which TensorFlow 1 writes as None). Align gives both the same rate.</source>
        <translation>FTRL 的学习率：TensorFlow 1 的 FtrlOptimizer 没有默认值（Descent Lab 使用原帖的 {tf1}），Keras 的 Ftrl 使用 {keras}。其余默认值一致（learning_rate_power −0.5、累加器初值 0.1、无 L1、L2 或 L2 收缩，beta 为 0，TensorFlow 1 将其写作 None）。“对齐设置”会给两者相同的学习率。</translation>
    </message>
</context>
<context>
    <name>ExplainPanel</name>
    <message>
        <location filename="../../widgets/explain_panel.py" line="52"/>
        <source>Align settings</source>
        <translation>统一设置</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_panel.py" line="55"/>
        <source>Give every enabled backend the first one&apos;s start and learning rate, and full-batch updates without shuffling: then they all print the same numbers.</source>
        <translation>让所有已启用的后端采用第一个后端的起点和学习率，并使用不打乱顺序的全批量更新：这样它们打印出的数字就会相同。</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_panel.py" line="84"/>
        <source>{backend}: {what}</source>
        <translation>{backend}：{what}</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_panel.py" line="88"/>
        <source>; </source>
        <comment>separates the backends in a list</comment>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_panel.py" line="89"/>
        <source>{list}.</source>
        <translation>{list}。</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_panel.py" line="96"/>
        <source>Enable two or more backends to compare them.</source>
        <translation>启用两个或更多后端以进行比较。</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_panel.py" line="99"/>
        <source>Same settings everywhere</source>
        <translation>所有后端设置相同</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_panel.py" line="101"/>
        <source>Every enabled backend starts at the same point, uses the same learning rate and makes the same full-batch updates. The frameworks then agree: they print the same numbers to float32 precision.</source>
        <translation>所有已启用的后端都从同一点出发，使用相同的学习率，并进行相同的全批量更新。于是各框架结果一致：在 float32 精度内打印出相同的数字。</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_panel.py" line="107"/>
        <source>Every enabled backend starts at the same point, uses the same learning rate and makes the same full-batch updates, and yet their paths part:</source>
        <translation>每个启用的后端都从同一点出发、使用相同的学习率、做相同的全批量更新，可它们的路径仍然分开了：</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_panel.py" line="112"/>
        <source>Why the numbers differ</source>
        <translation>为什么数字不同</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_panel.py" line="118"/>
        <source>a random kernel, drawn once Keras has loaded</source>
        <translation>随机核权重，加载 Keras 后抽取</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_panel.py" line="120"/>
        <source>w = {w}, b = {b}</source>
        <translation>w = {w}, b = {b}</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_panel.py" line="123"/>
        <source>Keras draws the kernel at random from glorot_uniform, seed {seed}, and sets the bias to 0</source>
        <translation>Keras 以种子 {seed} 从 glorot_uniform 随机抽取核权重，并把偏置设为 0</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_panel.py" line="127"/>
        <source>as the post&apos;s TensorFlow script</source>
        <translation>同原文的 TensorFlow 脚本</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_panel.py" line="129"/>
        <source>set to zeros</source>
        <translation>设为全零</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_panel.py" line="131"/>
        <source>set by hand</source>
        <translation>手动设定</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_panel.py" line="132"/>
        <source>{where} ({why})</source>
        <translation>{where}（{why}）</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_panel.py" line="133"/>
        <source>Different starting points.</source>
        <translation>起点不同。</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_panel.py" line="138"/>
        <source>Keras default (loading…)</source>
        <translation>Keras 默认值（加载中…）</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_panel.py" line="142"/>
        <source>{lr} (Keras&apos;s &apos;sgd&apos; default)</source>
        <translation>{lr}（Keras &apos;sgd&apos; 的默认值）</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_panel.py" line="144"/>
        <source>{lr} (Keras&apos;s {optimizer} default)</source>
        <translation>{lr}（Keras 的 {optimizer} 默认值）</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_panel.py" line="148"/>
        <source>{lr} (the post&apos;s script)</source>
        <translation>{lr}（原文脚本）</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_panel.py" line="153"/>
        <source>Different learning rates.</source>
        <translation>学习率不同。</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_panel.py" line="159"/>
        <source>{n} full-batch updates (each uses all {points} points)</source>
        <translation>{n} 次全批量更新（每次使用全部 {points} 个点）</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_panel.py" line="164"/>
        <source>{epochs} epochs × {batches} batches of {size} = {n} noisy mini-batch updates</source>
        <translation>{epochs} 轮 × 每轮 {batches} 个批次（每批 {size} 个点）= {n} 次带噪声的小批量更新</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_panel.py" line="170"/>
        <source>Different update schemes.</source>
        <translation>更新方式不同。</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_panel.py" line="172"/>
        <source>Shuffling.</source>
        <translation>打乱顺序。</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_panel.py" line="174"/>
        <source>Keras fit visits the points in a new random order every epoch, so its path is noisy and depends on the seed.</source>
        <translation>Keras fit 每轮都以新的随机顺序遍历数据点，因此它的路径带有噪声，并且取决于种子。</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_panel.py" line="181"/>
        <source>&lt;b&gt;Align settings&lt;/b&gt; gives every backend the settings of {first}.</source>
        <translation>&lt;b&gt;统一设置&lt;/b&gt;会让每个后端都采用 {first} 的设置。</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_panel.py" line="193"/>
        <source>Largest difference between backends over {n} updates: |Δw| = {dw}, |Δb| = {db}.</source>
        <translation>{n} 次更新中各后端之间的最大差异：|Δw| = {dw}，|Δb| = {db}。</translation>
    </message>
</context>
<context>
    <name>ExplainSections</name>
    <message>
        <location filename="../../widgets/explain_sections.py" line="41"/>
        <source>; </source>
        <comment>separates the items of a list</comment>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_sections.py" line="44"/>
        <source>{list}.</source>
        <translation>{list}。</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_sections.py" line="48"/>
        <source>{backend}: {what}</source>
        <translation>{backend}：{what}</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_sections.py" line="57"/>
        <source>What the theory predicts</source>
        <translation>理论的预测</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_sections.py" line="59"/>
        <source>The loss is a bowl with curvatures {lo} and {hi}: condition number κ = {kappa}. The larger κ, the more elongated the bowl and the slower plain descent along its shallow axis.</source>
        <translation>损失是一个曲率为 {lo} 和 {hi} 的碗：条件数 κ = {kappa}。κ 越大，碗越狭长，普通梯度下降沿其平缓轴就越慢。</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_sections.py" line="72"/>
        <source>The &lt;a href=&quot;theory&quot;&gt;Theory&lt;/a&gt; tab has the full numbers and the stability map.</source>
        <translation>&lt;a href=&quot;theory&quot;&gt;理论&lt;/a&gt;标签页有完整的数字和稳定性图。</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_sections.py" line="78"/>
        <source>its learning rate is known once its framework has loaded.</source>
        <translation>其框架加载后才知道它的学习率。</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_sections.py" line="80"/>
        <source>{reason}.</source>
        <translation>{reason}。</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_sections.py" line="86"/>
        <source>at lr {lr} one update stretches the distance to the optimum up to {rate}×: predicted to diverge (the critical learning rate is {critical}).</source>
        <translation>学习率 {lr} 时，每次更新会把到最优点的距离拉长至多 {rate}×：预测会发散（临界学习率为 {critical}）。</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_sections.py" line="94"/>
        <source>at lr {lr} each update shrinks the distance to the optimum to {rate} of itself: ≈ {n} updates to shrink it 100×.</source>
        <translation>学习率 {lr} 时，每次更新把到最优点的距离缩小为原来的 {rate}：约 {n} 次更新可缩小 100×。</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_sections.py" line="100"/>
        <source>It diverged at update {n}.</source>
        <translation>它在第 {n} 次更新时发散。</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_sections.py" line="102"/>
        <source>It had not diverged yet when it stopped after {n} updates.</source>
        <translation>它在 {n} 次更新后停止，当时尚未发散。</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_sections.py" line="106"/>
        <source>Predicted (w, b) after {n} updates: ({pw}, {pb}); it ended at ({w}, {b}), {apart} apart ({precision}).</source>
        <translation>预测 {n} 次更新后的 (w, b)：({pw}, {pb})；实际结束于 ({w}, {b})，相差 {apart}（{precision}）。</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_sections.py" line="128"/>
        <source>Different optimizers.</source>
        <translation>优化器不同。</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_sections.py" line="138"/>
        <source>{value} (its framework&apos;s default)</source>
        <translation>{value}（其框架的默认值）</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_sections.py" line="141"/>
        <source>Different settings of {optimizer}.</source>
        <translation>{optimizer} 的设置不同。</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_sections.py" line="147"/>
        <source>Different learning-rate schedules.</source>
        <translation>学习率调度不同。</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_sections.py" line="149"/>
        <source>Defined differently in TensorFlow 1 and Keras.</source>
        <translation>TensorFlow 1 与 Keras 的定义不同。</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_sections.py" line="171"/>
        <source>start (w, b)</source>
        <translation>起点 (w, b)</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_sections.py" line="172"/>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_sections.py" line="173"/>
        <source>optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_sections.py" line="174"/>
        <source>schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_sections.py" line="175"/>
        <source>updates</source>
        <translation>更新次数</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_sections.py" line="176"/>
        <source>batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_sections.py" line="177"/>
        <source>shuffling</source>
        <translation>打乱顺序</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_sections.py" line="182"/>
        <source>its framework&apos;s default</source>
        <translation>其框架的默认值</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_sections.py" line="191"/>
        <source>(TensorFlow 1&apos;s formula has no {key}: it uses {value})</source>
        <translation>（TensorFlow 1 的公式中没有 {key}：它使用 {value}）</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_sections.py" line="209"/>
        <source>What Align settings set</source>
        <translation>统一设置改动了什么</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_sections.py" line="212"/>
        <source>Nothing: the settings already agreed.</source>
        <translation>没有改动：设置本已一致。</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_sections.py" line="213"/>
        <source>Could not align.</source>
        <translation>无法统一。</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_sections.py" line="220"/>
        <source>Align settings: nothing to change, the settings already agreed.</source>
        <translation>统一设置：无需改动，设置本已一致。</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_sections.py" line="222"/>
        <source>Align settings set {changes}.</source>
        <translation>统一设置改动了 {changes}。</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_sections.py" line="226"/>
        <source>Some differences cannot be aligned: see “Why they differ”.</source>
        <translation>有些差异无法统一：见“为何不同”。</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_sections.py" line="234"/>
        <source>Rounding decides the path.</source>
        <translation>舍入决定路径。</translation>
    </message>
    <message>
        <location filename="../../widgets/explain_sections.py" line="238"/>
        <source>{optimizer} never settles: near the optimum its steps keep a size set by the learning rate, so the path circles the optimum, and the last bits of each number decide on which side a step lands. {a} ({pa}) and {b} ({pb}) part from update {step} on (by more than {tolerance} relative). This is a real property of the optimizer, not noise.</source>
        <translation>{optimizer} 永远不会停稳：在最优点附近，它的步长保持在由学习率决定的大小，因此路径绕着最优点打转，每个数的最后几位决定一步落在哪一侧。{a}（{pa}）和 {b}（{pb}）从第 {step} 次更新起分开（相对差超过 {tolerance}）。这是该优化器的真实性质，而不是噪声。</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <location filename="../../app/actions/file_actions.py" line="115"/>
        <source>&amp;Open experiment…</source>
        <translation>打开实验(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="116"/>
        <source>&amp;Save experiment</source>
        <translation>保存实验(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="117"/>
        <source>Save experiment &amp;as…</source>
        <translation>实验另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="118"/>
        <source>Open &amp;CSV data…</source>
        <translation>打开 CSV 数据(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="119"/>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="120"/>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="136"/>
        <source>The whole window as PNG…</source>
        <translation>整个窗口 (PNG)…</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="137"/>
        <source>The printout as CSV…</source>
        <translation>打印输出 (CSV)…</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="138"/>
        <source>Every update of every backend as CSV…</source>
        <translation>所有后端的每次更新 (CSV)…</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="123"/>
        <source>Plot of the data and fitted lines (PNG or SVG)…</source>
        <translation>数据与拟合直线图（PNG 或 SVG）…</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="124"/>
        <source>Plot of the loss surface (PNG or SVG)…</source>
        <translation>损失曲面图（PNG 或 SVG）…</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="125"/>
        <source>Plot of the loss per update (PNG or SVG)…</source>
        <translation>每次更新的损失图（PNG 或 SVG）…</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="128"/>
        <source>Picture of the data and fitted lines</source>
        <translation>数据与拟合直线图（图像）</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="129"/>
        <source>Picture of the loss surface</source>
        <translation>损失曲面图（图像）</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="130"/>
        <source>Picture of the loss per update</source>
        <translation>每次更新的损失图（图像）</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="139"/>
        <source>Python &amp;script of a backend</source>
        <translation>后端的 Python 脚本(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="140"/>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="141"/>
        <source>The printout (tab-separated)</source>
        <translation>打印输出（制表符分隔）</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="142"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="190"/>
        <source>Open experiment</source>
        <translation>打开实验</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="192"/>
        <location filename="../../app/actions/file_actions.py" line="245"/>
        <source>Descent Lab experiments (*.json)</source>
        <translation>Descent Lab 实验 (*.json)</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="223"/>
        <source>Could not open {path}</source>
        <translation>无法打开 {path}</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="231"/>
        <source>Opened {name}: press Start to replay it.</source>
        <translation>已打开 {name}：点击“开始”即可重放。</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="243"/>
        <source>Save experiment</source>
        <translation>保存实验</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="257"/>
        <source>Could not save {path}</source>
        <translation>无法保存 {path}</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="263"/>
        <location filename="../../app/actions/file_actions.py" line="382"/>
        <source>Saved {name}</source>
        <translation>已保存 {name}</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="276"/>
        <source>(none yet)</source>
        <translation>（暂无）</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="279"/>
        <source>Clear the list</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="294"/>
        <source>Save plot</source>
        <translation>保存图表</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="296"/>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="304"/>
        <source>Save window</source>
        <translation>保存窗口</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="304"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="312"/>
        <source>Save printout</source>
        <translation>保存打印输出</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="312"/>
        <location filename="../../app/actions/file_actions.py" line="324"/>
        <source>CSV file (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="324"/>
        <source>Save every update</source>
        <translation>保存每次更新</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="348"/>
        <source>Could not export the script</source>
        <translation>无法导出脚本</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="352"/>
        <source>Export Python script</source>
        <translation>导出 Python 脚本</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="354"/>
        <source>Python script (*.py)</source>
        <translation>Python 脚本 (*.py)</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="380"/>
        <source>Could not save the file</source>
        <translation>无法保存文件</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="407"/>
        <source>{name} is neither an experiment (.json) nor CSV data (.csv): not opened.</source>
        <translation>{name} 既不是实验文件 (.json) 也不是 CSV 数据 (.csv)：未打开。</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="416"/>
        <source>Open CSV data</source>
        <translation>打开 CSV 数据</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="418"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>FrameRenderer</name>
    <message>
        <location filename="../../app/frame_renderer.py" line="109"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location filename="../../app/frame_renderer.py" line="109"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../../app/frame_renderer.py" line="109"/>
        <source>lr</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../app/frame_renderer.py" line="148"/>
        <source>{shown:,} of {total:,} points shown</source>
        <translation>显示了 {total:,} 个点中的 {shown:,} 个</translation>
    </message>
    <message>
        <location filename="../../app/frame_renderer.py" line="149"/>
        <source>true line</source>
        <translation>真实直线</translation>
    </message>
</context>
<context>
    <name>HelpActions</name>
    <message>
        <location filename="../../app/actions/help_actions.py" line="31"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../app/actions/help_actions.py" line="32"/>
        <source>&amp;About Descent Lab</source>
        <translation>关于梯度下降实验室(&amp;A)</translation>
    </message>
</context>
<context>
    <name>ListEdit</name>
    <message>
        <location filename="../../widgets/list_edit.py" line="42"/>
        <source>e.g. {example}</source>
        <translation>例如 {example}</translation>
    </message>
</context>
<context>
    <name>LoadProgress</name>
    <message>
        <location filename="../../app/load_progress.py" line="40"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../app/load_progress.py" line="44"/>
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
</context>
<context>
    <name>LrRow</name>
    <message>
        <location filename="../../widgets/lr_row.py" line="102"/>
        <source>Type a number above 0, e.g. 0.1</source>
        <translation>请输入大于 0 的数，例如 0.1</translation>
    </message>
    <message>
        <location filename="../../widgets/lr_row.py" line="137"/>
        <source>default: {lr}, the first of the values</source>
        <translation>默认值：{lr}，即分段学习率中的第一个值</translation>
    </message>
    <message>
        <location filename="../../widgets/lr_row.py" line="140"/>
        <source>Keras&apos;s &apos;sgd&apos; default (known once Keras has loaded)</source>
        <translation>Keras &apos;sgd&apos; 的默认值（加载 Keras 后可知）</translation>
    </message>
    <message>
        <location filename="../../widgets/lr_row.py" line="145"/>
        <source>default: {lr}</source>
        <translation>默认值：{lr}</translation>
    </message>
    <message>
        <location filename="../../widgets/lr_row.py" line="147"/>
        <source>Keras&apos;s &apos;sgd&apos; default: {lr}</source>
        <translation>Keras &apos;sgd&apos; 的默认值：{lr}</translation>
    </message>
    <message>
        <location filename="../../widgets/lr_row.py" line="149"/>
        <source>default: {lr}, as the post&apos;s script</source>
        <translation>默认值：{lr}，同原文脚本</translation>
    </message>
    <message>
        <location filename="../../widgets/lr_row.py" line="173"/>
        <source>critical {critical} (diverges above) · optimal {optimal}</source>
        <translation>临界 {critical}（高于此值发散）· 最优 {optimal}</translation>
    </message>
    <message>
        <location filename="../../widgets/lr_row.py" line="177"/>
        <source>The critical rate is for this momentum; the optimal one is plain gradient descent&apos;s.</source>
        <translation>临界学习率按当前动量计算；最优学习率是普通梯度下降的。</translation>
    </message>
    <message>
        <location filename="../../widgets/lr_row.py" line="184"/>
        <source>No marks: the full-batch critical rate ({critical}) does not bound minibatch SGD, whose every update follows its own batch&apos;s curvature.</source>
        <translation>不显示标记：全批量的临界学习率（{critical}）并不限定小批量 SGD，因为它的每次更新都遵循各自批次的曲率。</translation>
    </message>
    <message>
        <location filename="../../widgets/lr_row.py" line="189"/>
        <source>No marks: they apply to plain and momentum SGD only.</source>
        <translation>不显示标记：标记只适用于普通 SGD 和动量 SGD。</translation>
    </message>
    <message>
        <location filename="../../widgets/lr_row.py" line="200"/>
        <source>⚠ above the critical rate {critical}: this run will diverge</source>
        <translation>⚠ 超过临界学习率 {critical}：此次运行将会发散</translation>
    </message>
    <message>
        <location filename="../../widgets/lr_row.py" line="202"/>
        <source>From {critical} on, each update stretches the distance to the optimum along the loss bowl&apos;s steepest direction instead of shrinking it, so the loss grows without bound whatever the start. Lower the rate below the red mark.</source>
        <translation>学习率达到 {critical} 起，每次更新都会沿损失碗最陡的方向拉大到最优点的距离，而不是缩小它，因此无论从哪里开始，损失都会无限增长。请把学习率调到红色标记以下。</translation>
    </message>
    <message>
        <location filename="../../widgets/lr_row.py" line="207"/>
        <source>oscillates: past the optimal rate {optimal}</source>
        <translation>振荡：已超过最优学习率 {optimal}</translation>
    </message>
    <message>
        <location filename="../../widgets/lr_row.py" line="209"/>
        <source>Above {optimal} each update overshoots along the steepest direction, so the path zig-zags across the valley, and it converges more slowly than at {optimal}. It still converges below the critical rate {critical}.</source>
        <translation>高于 {optimal} 时，每次更新都会沿最陡方向冲过头，路径在山谷两侧来回折返，收敛也比在 {optimal} 时慢。只要低于临界学习率 {critical}，仍会收敛。</translation>
    </message>
    <message>
        <location filename="../../widgets/lr_row.py" line="231"/>
        <source>default</source>
        <translation>默认</translation>
    </message>
    <message>
        <location filename="../../widgets/lr_row.py" line="232"/>
        <source>Back to the framework&apos;s own default learning rate</source>
        <translation>恢复为框架自身的默认学习率</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/launcher.py" line="170"/>
        <source>The data of the last session could not be read</source>
        <translation>无法读取上次会话的数据</translation>
    </message>
    <message>
        <location filename="../../app/launcher.py" line="315"/>
        <source>Settings were reset</source>
        <translation>设置已重置</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="218"/>
        <source>Descent Lab</source>
        <translation>梯度下降实验室</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="219"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="220"/>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="221"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="222"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="223"/>
        <source>Why they differ</source>
        <translation>为何不同</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="224"/>
        <source>Printout</source>
        <translation>打印输出</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="225"/>
        <source>Theory</source>
        <translation>理论</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="282"/>
        <source>TensorFlow and Keras could not be loaded</source>
        <translation>无法加载 TensorFlow 和 Keras</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="283"/>
        <source>The NumPy backend still works.</source>
        <translation>NumPy 后端仍可正常使用。</translation>
    </message>
</context>
<context>
    <name>NumberBox</name>
    <message>
        <location filename="../../widgets/number_box.py" line="96"/>
        <source>&apos;{text}&apos; is not a number (write e.g. 0.001 or 1e-3)</source>
        <translation>“{text}”不是数字（可写作 0.001 或 1e-3 等）</translation>
    </message>
    <message>
        <location filename="../../widgets/number_box.py" line="101"/>
        <source>{low} (or &apos;{default}&apos;)</source>
        <translation>{low}（或“{default}”）</translation>
    </message>
    <message>
        <location filename="../../widgets/number_box.py" line="102"/>
        <source>&apos;{text}&apos; is out of range: from {low} to {high}</source>
        <translation>“{text}”超出范围：应在 {low} 到 {high} 之间</translation>
    </message>
</context>
<context>
    <name>PlotArea</name>
    <message>
        <location filename="../../app/plot_area.py" line="97"/>
        <source>⚠ {name} diverged: its line left the plot</source>
        <translation>⚠ {name} 已发散：其直线已离开图表</translation>
    </message>
    <message>
        <location filename="../../app/plot_area.py" line="110"/>
        <source>the data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../../app/plot_area.py" line="110"/>
        <source>the loss surface</source>
        <translation>损失曲面</translation>
    </message>
    <message>
        <location filename="../../app/plot_area.py" line="113"/>
        <source>Loading TensorFlow for {waiting} (a few seconds)…
Ready meanwhile: {ready}.</source>
        <translation>正在为 {waiting} 加载 TensorFlow（需要几秒钟）…
已就绪：{ready}。</translation>
    </message>
    <message>
        <location filename="../../app/plot_area.py" line="116"/>
        <source>Loading TensorFlow…</source>
        <translation>正在加载 TensorFlow…</translation>
    </message>
    <message>
        <location filename="../../app/plot_area.py" line="120"/>
        <source>Loading the plots…</source>
        <translation>正在加载图表…</translation>
    </message>
    <message>
        <location filename="../../app/plot_area.py" line="123"/>
        <source>Data and fitted lines</source>
        <translation>数据与拟合直线</translation>
    </message>
    <message>
        <location filename="../../app/plot_area.py" line="126"/>
        <source>Loss surface (MSE) and descent paths</source>
        <translation>损失曲面 (MSE) 与下降路径</translation>
    </message>
    <message>
        <location filename="../../app/plot_area.py" line="127"/>
        <source>w (kernel)</source>
        <translation>w（核权重）</translation>
    </message>
    <message>
        <location filename="../../app/plot_area.py" line="128"/>
        <source>b (bias)</source>
        <translation>b（偏置）</translation>
    </message>
    <message>
        <location filename="../../app/plot_area.py" line="130"/>
        <source>Loss per update (▲ learning rate changed)</source>
        <translation>每次更新的损失（▲ 表示学习率有改动）</translation>
    </message>
    <message>
        <location filename="../../app/plot_area.py" line="132"/>
        <source>update</source>
        <translation>更新次数</translation>
    </message>
    <message>
        <location filename="../../app/plot_area.py" line="132"/>
        <source>MSE</source>
        <translation>MSE</translation>
    </message>
    <message>
        <location filename="../../app/plot_area.py" line="132"/>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
</context>
<context>
    <name>RunActions</name>
    <message>
        <location filename="../../app/actions/run_actions.py" line="21"/>
        <source>The post&apos;s puzzle: TensorFlow vs Keras</source>
        <translation>原文之谜：TensorFlow 与 Keras</translation>
    </message>
    <message>
        <location filename="../../app/actions/run_actions.py" line="22"/>
        <source>Post, TensorFlow 1: lr 0.1</source>
        <translation>原文，TensorFlow 1：lr 0.1</translation>
    </message>
    <message>
        <location filename="../../app/actions/run_actions.py" line="23"/>
        <source>Post, TensorFlow 1: lr 0.01</source>
        <translation>原文，TensorFlow 1：lr 0.01</translation>
    </message>
    <message>
        <location filename="../../app/actions/run_actions.py" line="24"/>
        <source>Post, Keras train_on_batch: &apos;sgd&apos; defaults</source>
        <translation>原文，Keras train_on_batch：&apos;sgd&apos; 默认设置</translation>
    </message>
    <message>
        <location filename="../../app/actions/run_actions.py" line="25"/>
        <source>Post, Keras train_on_batch: SGD(lr=0.1)</source>
        <translation>原文，Keras train_on_batch：SGD(lr=0.1)</translation>
    </message>
    <message>
        <location filename="../../app/actions/run_actions.py" line="26"/>
        <source>Post, Keras train_on_batch: SGD(lr=0.01)</source>
        <translation>原文，Keras train_on_batch：SGD(lr=0.01)</translation>
    </message>
    <message>
        <location filename="../../app/actions/run_actions.py" line="27"/>
        <source>Post, Keras fit(epochs=20, batch_size=1)</source>
        <translation>原文，Keras fit(epochs=20, batch_size=1)</translation>
    </message>
    <message>
        <location filename="../../app/actions/run_actions.py" line="28"/>
        <source>All five backends, aligned settings</source>
        <translation>五个后端，设置一致</translation>
    </message>
    <message>
        <location filename="../../app/actions/run_actions.py" line="29"/>
        <source>Momentum vs plain SGD</source>
        <translation>动量与普通 SGD 对比</translation>
    </message>
    <message>
        <location filename="../../app/actions/run_actions.py" line="30"/>
        <source>Adam: TensorFlow 1 vs Keras</source>
        <translation>Adam：TensorFlow 1 与 Keras 对比</translation>
    </message>
    <message>
        <location filename="../../app/actions/run_actions.py" line="31"/>
        <source>RMSprop: TensorFlow 1 vs Keras</source>
        <translation>RMSprop：TensorFlow 1 与 Keras 对比</translation>
    </message>
    <message>
        <location filename="../../app/actions/run_actions.py" line="32"/>
        <source>The post&apos;s fit with ReduceLROnPlateau</source>
        <translation>原帖的 fit，加上 ReduceLROnPlateau</translation>
    </message>
    <message>
        <location filename="../../app/actions/run_actions.py" line="33"/>
        <source>RMSprop: float32 vs float64</source>
        <translation>RMSprop：float32 与 float64</translation>
    </message>
    <message>
        <location filename="../../app/actions/run_actions.py" line="103"/>
        <location filename="../../app/actions/run_actions.py" line="206"/>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location filename="../../app/actions/run_actions.py" line="160"/>
        <location filename="../../app/actions/run_actions.py" line="168"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../app/actions/run_actions.py" line="160"/>
        <location filename="../../app/actions/run_actions.py" line="168"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../app/actions/run_actions.py" line="171"/>
        <source>Pause training (Space)</source>
        <translation>暂停训练（空格键）</translation>
    </message>
    <message>
        <location filename="../../app/actions/run_actions.py" line="173"/>
        <source>Start or resume training (Space)</source>
        <translation>开始或继续训练（空格键）</translation>
    </message>
    <message>
        <location filename="../../app/actions/run_actions.py" line="192"/>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <location filename="../../app/actions/run_actions.py" line="194"/>
        <source>Pause, then make one more update in every backend (Ctrl+→)</source>
        <translation>暂停，然后让每个后端再更新一次 (Ctrl+→)</translation>
    </message>
    <message>
        <location filename="../../app/actions/run_actions.py" line="196"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location filename="../../app/actions/run_actions.py" line="198"/>
        <source>Stop and start over from the initial values (Ctrl+R)</source>
        <translation>停止，并从初始值重新开始 (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../app/actions/run_actions.py" line="200"/>
        <source>&amp;Align settings</source>
        <translation>统一设置(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/actions/run_actions.py" line="201"/>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <location filename="../../app/actions/run_actions.py" line="211"/>
        <source>Rebuild one of the original post&apos;s runs</source>
        <translation>重现原博文中的某一次运行</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../app/dialogs.py" line="96"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="106"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="106"/>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../../app/dialogs.py" line="114"/>
        <source>Space and Ctrl+→ work wherever the focus is, as in a media player, except where a widget needs the key: in a text field Space types and Ctrl+→ moves by a word; on a check box or button Space ticks or presses it. Enter or Escape in a field hands the keys back to the window.</source>
        <translation>与媒体播放器一样，无论焦点在哪里，空格键和 Ctrl+→ 都有效，除非某个控件自己需要这个键：在文本框中空格键输入空格、Ctrl+→ 按词移动；在复选框或按钮上空格键勾选或按下它。在输入框中按 Enter 或 Esc 会把按键交还给窗口。</translation>
    </message>
</context>
<context>
    <name>SidePanel</name>
    <message>
        <location filename="../../app/side_panel.py" line="69"/>
        <source>Same learning rate for all</source>
        <translation>所有后端使用相同的学习率</translation>
    </message>
    <message>
        <location filename="../../app/side_panel.py" line="70"/>
        <source>Moving any learning-rate slider moves them all</source>
        <translation>拖动任一学习率滑块，其余滑块随之移动</translation>
    </message>
    <message>
        <location filename="../../app/side_panel.py" line="134"/>
        <source>{n} points</source>
        <translation>{n} 个点</translation>
    </message>
</context>
<context>
    <name>SpeedControl</name>
    <message>
        <location filename="../../widgets/speed_control.py" line="49"/>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <location filename="../../widgets/speed_control.py" line="50"/>
        <source>Full speed</source>
        <translation>全速</translation>
    </message>
    <message>
        <location filename="../../widgets/speed_control.py" line="52"/>
        <source>Train as fast as each backend goes; click again for the paced speed</source>
        <translation>让每个后端以最快速度训练；再次点击恢复设定的速度</translation>
    </message>
    <message>
        <location filename="../../widgets/speed_control.py" line="55"/>
        <source>Updates per second: slide left for slow motion, right for full speed</source>
        <translation>每秒更新次数：向左拖动可慢放，拖到最右为全速</translation>
    </message>
    <message>
        <location filename="../../widgets/speed_control.py" line="93"/>
        <source>full speed</source>
        <translation>全速</translation>
    </message>
    <message>
        <location filename="../../widgets/speed_control.py" line="95"/>
        <source>{n} updates/s</source>
        <translation>{n} 次更新/秒</translation>
    </message>
</context>
<context>
    <name>StabilityMapView</name>
    <message>
        <location filename="../../widgets/stability_map.py" line="195"/>
        <source>A click sets:</source>
        <translation>点击设置：</translation>
    </message>
    <message>
        <location filename="../../widgets/stability_map.py" line="196"/>
        <source>The backend whose learning rate and momentum a click sets</source>
        <translation>点击地图时设置其学习率和动量的后端</translation>
    </message>
    <message>
        <location filename="../../widgets/stability_map.py" line="198"/>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../widgets/stability_map.py" line="200"/>
        <source>rate per update</source>
        <translation>每次更新的收缩率</translation>
    </message>
    <message>
        <location filename="../../widgets/stability_map.py" line="203"/>
        <source>Contraction of the distance to the optimum per update (lower is faster). Grey, past the dashed line: it diverges. ★ the fastest setting.</source>
        <translation>每次更新后到最优点距离的收缩率（越低越快）。虚线以外的灰色区域：发散。★ 最快的设置。</translation>
    </message>
    <message>
        <location filename="../../widgets/stability_map.py" line="251"/>
        <source>momentum β</source>
        <translation>动量 β</translation>
    </message>
    <message>
        <location filename="../../widgets/stability_map.py" line="257"/>
        <source>Nesterov momentum</source>
        <translation>Nesterov 动量</translation>
    </message>
    <message>
        <location filename="../../widgets/stability_map.py" line="257"/>
        <source>Heavy-ball momentum</source>
        <translation>重球动量</translation>
    </message>
    <message>
        <location filename="../../widgets/stability_map.py" line="240"/>
        <source>lr {lr}, β {beta}: rate {rate} per update</source>
        <translation>学习率 {lr}，β {beta}：每次更新收缩 {rate}</translation>
    </message>
    <message>
        <location filename="../../widgets/stability_map.py" line="237"/>
        <source>{kind} · a click sets lr and β</source>
        <translation>{kind} · 点击即设置学习率和 β</translation>
    </message>
    <message>
        <location filename="../../widgets/stability_map.py" line="246"/>
        <source>(diverges)</source>
        <translation>（发散）</translation>
    </message>
    <message>
        <location filename="../../widgets/stability_map.py" line="265"/>
        <source>The map does not apply to {backend}: its optimizer scales every step by statistics of the gradients, so no (lr, β) point describes it.</source>
        <translation>此图不适用于 {backend}：它的优化器按梯度的统计量缩放每一步，因此没有哪个 (lr, β) 点能描述它。</translation>
    </message>
    <message>
        <location filename="../../widgets/stability_map.py" line="273"/>
        <source>{backend} uses heavy-ball momentum, not Nesterov&apos;s: choose it above to see its own map.</source>
        <translation>{backend} 使用重球动量，而非 Nesterov 动量：在上方选择它即可查看它自己的图。</translation>
    </message>
    <message>
        <location filename="../../widgets/stability_map.py" line="278"/>
        <source>{backend} uses Nesterov momentum, whose rates differ: choose it above to see its own map.</source>
        <translation>{backend} 使用 Nesterov 动量，其收缩率不同：在上方选择它即可查看它自己的图。</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../app/status_bar.py" line="18"/>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <location filename="../../app/status_bar.py" line="19"/>
        <source>loading TensorFlow…</source>
        <translation>正在加载 TensorFlow…</translation>
    </message>
    <message>
        <location filename="../../app/status_bar.py" line="20"/>
        <source>building the model…</source>
        <translation>正在构建模型…</translation>
    </message>
    <message>
        <location filename="../../app/status_bar.py" line="21"/>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location filename="../../app/status_bar.py" line="22"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location filename="../../app/status_bar.py" line="23"/>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../app/status_bar.py" line="24"/>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../app/status_bar.py" line="25"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../app/status_bar.py" line="26"/>
        <source>stuck: the framework has not answered; the others carry on</source>
        <translation>卡住：框架没有响应；其他后端继续运行</translation>
    </message>
    <message>
        <location filename="../../app/status_bar.py" line="39"/>
        <source>diverged at step {step} (lr={lr})</source>
        <translation>在第 {step} 步发散 (lr={lr})</translation>
    </message>
    <message>
        <location filename="../../app/status_bar.py" line="44"/>
        <source>waits for its settings: {why}</source>
        <translation>等待填写设置：{why}</translation>
    </message>
    <message>
        <location filename="../../app/status_bar.py" line="54"/>
        <source>error: {message}</source>
        <translation>错误：{message}</translation>
    </message>
    <message>
        <location filename="../../app/status_bar.py" line="59"/>
        <source>{rate} updates/s</source>
        <translation>{rate} 次更新/秒</translation>
    </message>
</context>
<context>
    <name>TheoryOverlay</name>
    <message>
        <location filename="../../app/theory_overlay.py" line="80"/>
        <source>{backends}: {reason}</source>
        <translation>{backends}：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/theory_overlay.py" line="85"/>
        <source>dotted: predicted · solid: the run</source>
        <translation>虚线：预测 · 实线：实际运行</translation>
    </message>
    <message>
        <location filename="../../app/theory_overlay.py" line="87"/>
        <source>Dotted: the path theory predicts for each backend, where it has an exact prediction. Solid: the path its run took.</source>
        <translation>虚线：理论为每个后端预测的路径（仅在有精确预测时显示）。实线：该后端实际运行走过的路径。</translation>
    </message>
    <message>
        <location filename="../../app/theory_overlay.py" line="101"/>
        <source>steep: λ = {value:.3g}</source>
        <translation>陡峭方向：λ = {value:.3g}</translation>
    </message>
    <message>
        <location filename="../../app/theory_overlay.py" line="102"/>
        <source>shallow: λ = {value:.3g}</source>
        <translation>平缓方向：λ = {value:.3g}</translation>
    </message>
</context>
<context>
    <name>TheoryPanel</name>
    <message>
        <location filename="../../widgets/theory_panel.py" line="76"/>
        <source>Loading the stability map…</source>
        <translation>正在加载稳定性地图…</translation>
    </message>
    <message>
        <location filename="../../widgets/theory_panel.py" line="103"/>
        <source>Optimum</source>
        <translation>最优点</translation>
    </message>
    <message>
        <location filename="../../widgets/theory_panel.py" line="105"/>
        <source>Hessian</source>
        <translation>黑塞矩阵</translation>
    </message>
    <message>
        <location filename="../../widgets/theory_panel.py" line="110"/>
        <source>Curvatures</source>
        <translation>曲率</translation>
    </message>
    <message>
        <location filename="../../widgets/theory_panel.py" line="111"/>
        <source>steep λmax = {hi} along {v_hi}; shallow λmin = {lo} along {v_lo}</source>
        <translation>陡轴 λmax = {hi}，方向 {v_hi}；缓轴 λmin = {lo}，方向 {v_lo}</translation>
    </message>
    <message>
        <location filename="../../widgets/theory_panel.py" line="118"/>
        <source>Condition number</source>
        <translation>条件数</translation>
    </message>
    <message>
        <location filename="../../widgets/theory_panel.py" line="119"/>
        <source>Critical lr</source>
        <translation>临界学习率</translation>
    </message>
    <message>
        <location filename="../../widgets/theory_panel.py" line="121"/>
        <source>Optimal lr</source>
        <translation>最优学习率</translation>
    </message>
    <message>
        <location filename="../../widgets/theory_panel.py" line="122"/>
        <source>2/(λmin+λmax) = {lr}: rate {rate} per update</source>
        <translation>2/(λmin+λmax) = {lr}：每次更新收缩 {rate}</translation>
    </message>
    <message>
        <location filename="../../widgets/theory_panel.py" line="127"/>
        <source>With momentum β</source>
        <translation>使用动量 β</translation>
    </message>
    <message>
        <location filename="../../widgets/theory_panel.py" line="129"/>
        <source>critical lr 2(1+β)/λmax; Polyak&apos;s best lr = {lr}, β = {beta}: rate {rate}</source>
        <translation>临界学习率 2(1+β)/λmax；Polyak 的最佳学习率 = {lr}，β = {beta}：收缩 {rate}</translation>
    </message>
    <message>
        <location filename="../../widgets/theory_panel.py" line="137"/>
        <source>The bowl of this data</source>
        <translation>这组数据的碗</translation>
    </message>
    <message>
        <location filename="../../widgets/theory_panel.py" line="141"/>
        <source>Each backend</source>
        <translation>各个后端</translation>
    </message>
    <message>
        <location filename="../../widgets/theory_panel.py" line="143"/>
        <source>What this means</source>
        <translation>这意味着什么</translation>
    </message>
    <message>
        <location filename="../../widgets/theory_panel.py" line="155"/>
        <source>its learning rate is known once Keras has loaded</source>
        <translation>Keras 加载后才知道它的学习率</translation>
    </message>
    <message>
        <location filename="../../widgets/theory_panel.py" line="159"/>
        <source>lr {lr}</source>
        <translation>学习率 {lr}</translation>
    </message>
    <message>
        <location filename="../../widgets/theory_panel.py" line="161"/>
        <source>Nesterov β</source>
        <translation>Nesterov β</translation>
    </message>
    <message>
        <location filename="../../widgets/theory_panel.py" line="166"/>
        <source>rate {rate} per update; at or past the critical lr {critical}, it diverges</source>
        <translation>每次更新收缩 {rate}；达到或超过临界学习率 {critical}，发散</translation>
    </message>
    <message>
        <location filename="../../widgets/theory_panel.py" line="170"/>
        <source>rate {rate} per update; ≈ {n} updates to shrink the distance to the optimum 100× (critical lr {critical})</source>
        <translation>每次更新收缩 {rate}；约 {n} 次更新使到最优点的距离缩小 100 倍（临界学习率 {critical}）</translation>
    </message>
    <message>
        <location filename="../../widgets/theory_panel.py" line="176"/>
        <location filename="../../widgets/theory_panel.py" line="225"/>
        <source>{backend}: {what}</source>
        <translation>{backend}：{what}</translation>
    </message>
    <message>
        <location filename="../../widgets/theory_panel.py" line="183"/>
        <source>The loss is a bowl with two axes. Along the steep one it curves by λmax = {hi}, along the shallow one by λmin = {lo}: {kappa} times less. One update of gradient descent multiplies the distance to the optimum along each axis by 1 − lr·λ.</source>
        <translation>损失函数是一个有两条轴的碗。沿陡轴的曲率为 λmax = {hi}，沿缓轴为 λmin = {lo}：小 {kappa} 倍。梯度下降每更新一次，沿每条轴到最优点的距离乘以 1 − lr·λ。</translation>
    </message>
    <message>
        <location filename="../../widgets/theory_panel.py" line="220"/>
        <source>The post&apos;s script: {what}</source>
        <translation>原文脚本：{what}</translation>
    </message>
    <message>
        <location filename="../../widgets/theory_panel.py" line="235"/>
        <source>Nesterov momentum</source>
        <translation>Nesterov 动量</translation>
    </message>
    <message>
        <location filename="../../widgets/theory_panel.py" line="235"/>
        <source>momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <location filename="../../widgets/theory_panel.py" line="238"/>
        <source>at lr {lr} with {kind} β {beta} the update&apos;s rate is {rate}, at least 1: at or past the critical rate {critical}, every update moves further from the optimum and the run diverges.</source>
        <translation>学习率 {lr}、{kind} β {beta} 时，每次更新的收缩率为 {rate}，不小于 1：达到或超过临界学习率 {critical}，每次更新都离最优点更远，训练发散。</translation>
    </message>
    <message>
        <location filename="../../widgets/theory_panel.py" line="243"/>
        <source>at lr {lr} with {kind} β {beta} the distance to the optimum shrinks by the momentum rate {rate} per update: about {n} updates to shrink it 100× (critical lr {critical}).</source>
        <translation>学习率 {lr}、{kind} β {beta} 时，到最优点的距离每次更新按动量收缩率 {rate} 缩小：约需 {n} 次更新才能缩小 100 倍（临界学习率 {critical}）。</translation>
    </message>
    <message>
        <location filename="../../widgets/theory_panel.py" line="257"/>
        <source>at lr {lr}, at or past the critical rate {critical}, the steep axis&apos;s factor 1 − lr·λmax = {steep} has magnitude {size}, at least 1: every overshoot of the valley floor is as large as the last or larger, and the run diverges.</source>
        <translation>学习率 {lr} 达到或超过临界学习率 {critical}：陡轴的因子 1 − lr·λmax = {steep}，其绝对值 {size} 不小于 1：每次越过谷底都不比上一次近，训练发散。</translation>
    </message>
    <message>
        <location filename="../../widgets/theory_panel.py" line="263"/>
        <source>at lr {lr}, past the optimal {best}, the steep axis&apos;s factor 1 − lr·λmax = {steep} is the slow one: each update overshoots the valley floor, so the path zigzags across the steep axis, keeping {size} of that distance every update: about {n} updates to shrink it 100×. A smaller rate, down to {best}, is faster.</source>
        <translation>学习率 {lr} 超过最优值 {best}，陡轴的因子 1 − lr·λmax = {steep} 成了最慢的一方：每次更新都越过谷底，路径沿陡轴来回振荡，每次更新保留该方向距离的 {size}：约需 {n} 次更新才能缩小 100 倍。把学习率减小到 {best} 会更快。</translation>
    </message>
    <message>
        <location filename="../../widgets/theory_panel.py" line="275"/>
        <source>at lr {lr} the shallow axis keeps 1 − lr·λmin = {keep} of its distance every update, so descent crawls: about {n} updates to shrink it 100×. A larger rate helps only up to the optimal {best}.</source>
        <translation>学习率为 {lr} 时，缓轴上的距离每次更新只缩为原来的 1 − lr·λmin = {keep}，所以下降非常缓慢：约需 {n} 次更新才能缩小 100 倍。增大学习率只在不超过最优值 {best} 时有帮助。</translation>
    </message>
    <message>
        <location filename="../../widgets/theory_panel.py" line="190"/>
        <source>Past the optimal rate, the steep axis&apos;s factor 1 − lr·λmax is below −(1 − lr·λmin): each update overshoots the valley floor, so the path zigzags across the steep axis, and that zigzag is now the slowest part. Past the critical rate 2/λmax = {critical} the factor is below −1: every overshoot is larger than the last and the run explodes.</source>
        <translation>超过最优学习率后，陡轴的因子 1 − lr·λmax 小于 −(1 − lr·λmin)：每次更新都越过谷底，路径沿陡轴来回振荡，这种振荡成了最慢的部分。超过临界学习率 2/λmax = {critical} 后，该因子小于 −1：每次越过都比上一次更远，训练随之发散爆炸。</translation>
    </message>
    <message>
        <location filename="../../widgets/theory_panel.py" line="197"/>
        <source>Momentum β keeps a part of the previous step. Along the shallow axis the steps add up, so it moves faster; along the steep axis the overshoots partly cancel, so larger rates stay stable, up to 2(1+β)/λmax. Polyak&apos;s best choice, lr {lr} with β {beta}, contracts by √β = {rate} per update: about {n} updates to 100×. The stability map draws the rate for every (lr, β).</source>
        <translation>动量 β 保留上一步的一部分。沿缓轴各步累加，因此移动更快；沿陡轴的来回越过部分相互抵消，因此更大的学习率也能保持稳定，直到 2(1+β)/λmax。Polyak 的最佳选择——学习率 {lr}、β {beta}——每次更新收缩 √β = {rate}：约 {n} 次更新缩小 100 倍。稳定性地图画出了每个 (lr, β) 的收缩率。</translation>
    </message>
</context>
<context>
    <name>ViewActions</name>
    <message>
        <location filename="../../app/actions/view_actions.py" line="72"/>
        <source>Theory on the loss surface</source>
        <translation>在损失曲面上显示理论</translation>
    </message>
    <message>
        <location filename="../../app/actions/view_actions.py" line="74"/>
        <source>The bowl&apos;s steep and shallow axes and each backend&apos;s predicted path</source>
        <translation>碗形曲面的陡峭轴和平缓轴，以及每个后端的预测路径</translation>
    </message>
    <message>
        <location filename="../../app/actions/view_actions.py" line="76"/>
        <source>Clear ghost paths</source>
        <translation>清除残影路径</translation>
    </message>
    <message>
        <location filename="../../app/actions/view_actions.py" line="78"/>
        <source>Remove the previous run&apos;s faint paths from the loss surface (Ctrl+G)</source>
        <translation>从损失曲面上移除上一次运行留下的淡色路径（Ctrl+G）</translation>
    </message>
    <message>
        <location filename="../../app/actions/view_actions.py" line="80"/>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../app/actions/view_actions.py" line="82"/>
        <location filename="../../app/actions/view_actions.py" line="98"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../app/actions/view_actions.py" line="83"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../app/actions/view_actions.py" line="84"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../app/actions/view_actions.py" line="88"/>
        <source>Show the current &amp;batch</source>
        <translation>显示当前批次(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../app/actions/view_actions.py" line="91"/>
        <source>keras-fit with minibatches: ring the points of its next batch and draw the step that batch takes next to the full data&apos;s step</source>
        <translation>keras-fit 使用小批量时：圈出其下一批的数据点，并在全部数据的一步旁边画出该批所走的一步</translation>
    </message>
    <message>
        <location filename="../../app/actions/view_actions.py" line="95"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
</context>
<context>
    <name>trainers</name>
    <message>
        <location filename="../../trainers/formats/fields.py" line="28"/>
        <source>{field}: expected a number, got {got}</source>
        <translation>{field}：应为数字，实际为 {got}</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/fields.py" line="29"/>
        <source>{field}: expected a number, 0 or more, got {got}</source>
        <translation>{field}：应为大于或等于 0 的数，实际为 {got}</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/fields.py" line="30"/>
        <source>{field}: expected a number above 0, got {got}</source>
        <translation>{field}：应为大于 0 的数，实际为 {got}</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/fields.py" line="31"/>
        <source>{field}: expected a number from {low} to {high}, got {got}</source>
        <translation>{field}：应为 {low} 到 {high} 之间的数，实际为 {got}</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/fields.py" line="34"/>
        <source>{field}: expected a number above 0 or null, got {got}</source>
        <translation>{field}：应为大于 0 的数或 null，实际为 {got}</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/fields.py" line="37"/>
        <source>{field}: expected a whole number from {low} to {high}, got {got}</source>
        <translation>{field}：应为 {low} 到 {high} 之间的整数，实际为 {got}</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/fields.py" line="40"/>
        <source>{field}: expected true or false, got {got}</source>
        <translation>{field}：应为 true 或 false，实际为 {got}</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/fields.py" line="41"/>
        <source>{field}: expected one of {choices}, got {got}</source>
        <translation>{field}：应为 {choices} 之一，实际为 {got}</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/fields.py" line="48"/>
        <source>{field}: {problem}</source>
        <translation>{field}：{problem}</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/document.py" line="44"/>
        <source>{field}: expected a colour &quot;#RRGGBB&quot;, got {got}</source>
        <translation>{field}：应为 &quot;#RRGGBB&quot; 形式的颜色，实际为 {got}</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/fields.py" line="42"/>
        <source>{field}: expected an object {{...}}, got {got}</source>
        <translation>{field}：应为对象 {{...}}，实际为 {got}</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/fields.py" line="43"/>
        <source>{field}: expected a list [...], got {got}</source>
        <translation>{field}：应为列表 [...]，实际为 {got}</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/document.py" line="45"/>
        <source>{field}: expected a pair [step, lr], got {got}</source>
        <translation>{field}：应为一对值 [step, lr]，实际为 {got}</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/document.py" line="46"/>
        <source>{field}: expected the path of a CSV file, got {got}</source>
        <translation>{field}：应为 CSV 文件的路径，实际为 {got}</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/document.py" line="47"/>
        <source>{field}: expected a SHA-256 checksum (64 hex digits) or null, got {got}</source>
        <translation>{field}：应为 SHA-256 校验和（64 位十六进制数字）或 null，实际为 {got}</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/fields.py" line="44"/>
        <source>{field}: missing; this field is required</source>
        <translation>{field}：缺失；此字段为必填项</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/document.py" line="50"/>
        <source>{field}: unknown backend &apos;{name}&apos; (choose from: {choices})</source>
        <translation>{field}：未知的后端 &apos;{name}&apos;（可选：{choices}）</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/document.py" line="53"/>
        <source>{field}: expected as many values as {other} ({count}), got {actual}</source>
        <translation>{field}：值的个数应与 {other} 相同（{count} 个），实际为 {actual} 个</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/document.py" line="56"/>
        <source>{field}: expected at least {low} points, got {actual}</source>
        <translation>{field}：至少需要 {low} 个点，实际为 {actual} 个</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/document.py" line="59"/>
        <source>{field}: these points cannot be used: {reason}</source>
        <translation>{field}：这些点无法使用：{reason}</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/fields.py" line="45"/>
        <source>{field}: expected steps in increasing order, got {got} after {previous}</source>
        <translation>{field}：步数应按递增顺序排列，但在 {previous} 之后出现了 {got}</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/document.py" line="60"/>
        <source>{field}: expected at least {low} (the rows go up to update {last}), got {got}</source>
        <translation>{field}：应至少为 {low}（记录行一直到第 {last} 次更新），实际为 {got}</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/document.py" line="63"/>
        <source>format_version: this file was written by a newer Descent Lab (format {version}); this version reads format {supported}</source>
        <translation>format_version：此文件由更新版本的 Descent Lab 写入（格式 {version}）；当前版本读取的是格式 {supported}</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/document.py" line="68"/>
        <source>format_version: missing; &apos;{path}&apos; is not a Descent Lab experiment file</source>
        <translation>format_version：缺失；&apos;{path}&apos; 不是 Descent Lab 实验文件</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/experiment_file.py" line="85"/>
        <source>&apos;{path}&apos; is not valid JSON (line {line}, column {column}): {reason}</source>
        <translation>&apos;{path}&apos; 不是有效的 JSON（第 {line} 行，第 {column} 列）：{reason}</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/experiment_file.py" line="88"/>
        <source>&apos;{path}&apos; cannot be read as JSON: {reason}</source>
        <translation>无法将 &apos;{path}&apos; 读取为 JSON：{reason}</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/experiment_file.py" line="89"/>
        <source>&apos;{path}&apos; is not a text file (not UTF-8)</source>
        <translation>&apos;{path}&apos; 不是文本文件（不是 UTF-8 编码）</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/document.py" line="71"/>
        <source>&apos;{path}&apos; is not a Descent Lab experiment: expected a JSON object {{...}}, got {got}</source>
        <translation>&apos;{path}&apos; 不是 Descent Lab 实验：应为 JSON 对象 {{...}}，实际为 {got}</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/experiment_file.py" line="90"/>
        <source>experiment file &apos;{path}&apos; does not exist</source>
        <translation>实验文件 &apos;{path}&apos; 不存在</translation>
    </message>
    <message>
        <location filename="../../trainers/bounded_read.py" line="41"/>
        <source>&apos;{path}&apos; is a folder, not a file; choose a file</source>
        <translation>&apos;{path}&apos; 是文件夹，不是文件；请选择一个文件</translation>
    </message>
    <message>
        <location filename="../../trainers/bounded_read.py" line="43"/>
        <source>&apos;{path}&apos; is a pipe (FIFO), not a regular file; choose a file</source>
        <translation>&apos;{path}&apos; 是管道（FIFO），不是普通文件；请选择一个文件</translation>
    </message>
    <message>
        <location filename="../../trainers/bounded_read.py" line="47"/>
        <source>&apos;{path}&apos; is a device, not a regular file; choose a file</source>
        <translation>&apos;{path}&apos; 是设备，不是普通文件；请选择一个文件</translation>
    </message>
    <message>
        <location filename="../../trainers/bounded_read.py" line="50"/>
        <source>&apos;{path}&apos; is not a regular file; choose a file</source>
        <translation>&apos;{path}&apos; 不是普通文件；请选择一个文件</translation>
    </message>
    <message>
        <location filename="../../trainers/bounded_read.py" line="59"/>
        <source>&apos;{path}&apos; is larger than {limit} MiB, the most Descent Lab reads</source>
        <translation>&apos;{path}&apos; 大于 {limit} MiB，超出 Descent Lab 的读取上限</translation>
    </message>
    <message>
        <location filename="../../trainers/bounded_read.py" line="88"/>
        <source>cannot read &apos;{path}&apos;: {reason}</source>
        <translation>无法读取 &apos;{path}&apos;：{reason}</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/atomic_write.py" line="23"/>
        <location filename="../../trainers/formats/experiment_file.py" line="91"/>
        <source>cannot save &apos;{path}&apos;: {reason}</source>
        <translation>无法保存 &apos;{path}&apos;：{reason}</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/atomic_write.py" line="24"/>
        <source>cannot save &apos;{path}&apos;: it exists and is not a regular file</source>
        <translation>无法保存 &apos;{path}&apos;：它已存在且不是普通文件</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/atomic_write.py" line="27"/>
        <source>cannot save &apos;{path}&apos;: nothing was written (is the disk full, or the folder read-only?)</source>
        <translation>无法保存 &apos;{path}&apos;：没有写入任何内容（磁盘已满，或文件夹只读？）</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/experiment_file.py" line="92"/>
        <source>data.path: the data file &apos;{path}&apos; does not exist, and the experiment holds no copy of its points</source>
        <translation>data.path：数据文件 &apos;{path}&apos; 不存在，而实验中也没有保存其数据点的副本</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/experiment_file.py" line="97"/>
        <source>data.sha256: the data file &apos;{path}&apos; has changed since the experiment was saved (SHA-256 {actual}, saved {expected})</source>
        <translation>data.sha256：数据文件 &apos;{path}&apos; 在实验保存之后已被修改（当前 SHA-256 为 {actual}，保存时为 {expected}）</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/document.py" line="75"/>
        <source>data: an experiment on CSV data needs the points of &apos;{path}&apos; to save it</source>
        <translation>data：基于 CSV 数据的实验需要 &apos;{path}&apos; 中的数据点才能保存</translation>
    </message>
    <message>
        <location filename="../../trainers/values.py" line="53"/>
        <source>&apos;{kind}&apos; is not a kind of initial values (choose from: {kinds})</source>
        <translation>&apos;{kind}&apos; 不是有效的初始值类型（可选：{kinds}）</translation>
    </message>
    <message>
        <location filename="../../trainers/values.py" line="61"/>
        <source>initial w and b must be finite numbers, got {w}, {b}</source>
        <translation>初始 w 和 b 必须是有限数值，实际为 {w}、{b}</translation>
    </message>
    <message>
        <location filename="../../trainers/values.py" line="83"/>
        <source>initial values &apos;{text}&apos; should be &apos;default&apos;, &apos;zeros&apos; or &apos;W,B&apos; (e.g. 0.5,-1)</source>
        <translation>初始值 &apos;{text}&apos; 应为 &apos;default&apos;、&apos;zeros&apos; 或 &apos;W,B&apos;（例如 0.5,-1）</translation>
    </message>
    <message>
        <location filename="../../trainers/values.py" line="106"/>
        <source>the learning rate must be a finite number above 0, got {lr}</source>
        <translation>学习率必须是大于 0 的有限数值，实际为 {lr}</translation>
    </message>
    <message>
        <location filename="../../trainers/values.py" line="122"/>
        <source>learning rate &apos;{text}&apos; should be a positive number or &apos;default&apos;</source>
        <translation>学习率 &apos;{text}&apos; 应为正数或 &apos;default&apos;</translation>
    </message>
    <message>
        <location filename="../../trainers/setting.py" line="23"/>
        <source>{name} must be a whole number from {low} to {high}, got {value}</source>
        <translation>{name} 必须是 {low} 到 {high} 之间的整数，实际为 {value}</translation>
    </message>
    <message>
        <location filename="../../trainers/setting.py" line="26"/>
        <source>{name} must be a number from {low} to {high}, got {value}</source>
        <translation>{name} 必须是 {low} 到 {high} 之间的数，实际为 {value}</translation>
    </message>
    <message>
        <location filename="../../trainers/setting.py" line="30"/>
        <source>{name} must be true or false, got &apos;{value}&apos;</source>
        <translation>{name} 必须是 true 或 false，得到的是 &apos;{value}&apos;</translation>
    </message>
    <message>
        <location filename="../../trainers/data.py" line="46"/>
        <source>the data&apos;s moments do not fit in a float64</source>
        <translation>数据的矩超出了 float64 的范围</translation>
    </message>
    <message>
        <location filename="../../trainers/data.py" line="68"/>
        <source>x and y must be two columns of equal length</source>
        <translation>x 和 y 必须是长度相同的两列</translation>
    </message>
    <message>
        <location filename="../../trainers/data.py" line="72"/>
        <location filename="../../trainers/data.py" line="152"/>
        <source>the data has {n} point(s); a line fit needs at least {min} points</source>
        <translation>数据只有 {n} 个点；拟合直线至少需要 {min} 个点</translation>
    </message>
    <message>
        <location filename="../../trainers/data.py" line="80"/>
        <source>the data contains values that are not finite</source>
        <translation>数据中含有非有限值（inf 或 NaN）</translation>
    </message>
    <message>
        <location filename="../../trainers/data.py" line="84"/>
        <source>all x values are equal ({x:g}), so no single line fits best; use data with at least two different x values</source>
        <translation>所有 x 值都相同 ({x:g})，因此不存在唯一的最佳拟合直线；请使用至少含有两个不同 x 值的数据</translation>
    </message>
    <message>
        <location filename="../../trainers/data.py" line="94"/>
        <source>values as large as {value:g} are too large to fit a line in float64 (their squares overflow); rescale the data so that |x| and |y| stay below {limit:g}</source>
        <translation>数值大到 {value:g}，无法在 float64 中拟合直线（其平方会溢出）；请缩放数据，使 |x| 和 |y| 小于 {limit:g}</translation>
    </message>
    <message>
        <location filename="../../trainers/data.py" line="107"/>
        <source>the x values differ too little (by {spread:g}, at values up to {x:g}) for a line fit: rounding would decide the slope; use data whose x values are spread out, or subtract a common offset</source>
        <translation>x 值之间差别太小（相差 {spread:g}，数值最大 {x:g}），无法拟合直线：斜率将由舍入误差决定；请使用 x 值分布更开的数据，或减去一个共同的偏移量</translation>
    </message>
    <message>
        <location filename="../../trainers/data.py" line="133"/>
        <source>{name} must be a finite number, not {value}</source>
        <translation>{name} 必须是有限数值，不能是 {value}</translation>
    </message>
    <message>
        <location filename="../../trainers/data.py" line="139"/>
        <source>noise is a standard deviation and cannot be negative</source>
        <translation>噪声是标准差，不能为负数</translation>
    </message>
    <message>
        <location filename="../../trainers/data.py" line="143"/>
        <source>the number of points must be a whole number</source>
        <translation>点数必须是整数</translation>
    </message>
    <message>
        <location filename="../../trainers/data.py" line="147"/>
        <source>the seed must be a whole number, 0 or more, got {seed}</source>
        <translation>种子必须是大于或等于 0 的整数，实际为 {seed}</translation>
    </message>
    <message>
        <location filename="../../trainers/data.py" line="160"/>
        <source>the number of points must be at most {max:,}</source>
        <translation>点数最多为 {max:,}</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/csv_data.py" line="74"/>
        <source>data file &apos;{path}&apos; does not exist</source>
        <translation>数据文件 &apos;{path}&apos; 不存在</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/csv_data.py" line="146"/>
        <source>&apos;{path}&apos; is not a text CSV file (not UTF-8)</source>
        <translation>&apos;{path}&apos; 不是文本 CSV 文件（不是 UTF-8 编码）</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/csv_data.py" line="178"/>
        <source>&apos;{path}&apos; has no data rows</source>
        <translation>&apos;{path}&apos; 中没有数据行</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/csv_data.py" line="166"/>
        <source>line {line} of &apos;{path}&apos; is a header without columns named x and y (found: {found})</source>
        <translation>&apos;{path}&apos; 的第 {line} 行是表头，但其中没有名为 x 和 y 的列（找到的是：{found}）</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/csv_data.py" line="133"/>
        <source>line {line} of &apos;{path}&apos; is longer than {limit} characters; a CSV of x,y points has short lines</source>
        <translation>&apos;{path}&apos; 的第 {line} 行超过 {limit} 个字符；x,y 数据点的 CSV 行应当很短</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/csv_data.py" line="210"/>
        <source>line {line} of &apos;{path}&apos; should hold x and y, found: {content}</source>
        <translation>&apos;{path}&apos; 的第 {line} 行应包含 x 和 y，实际内容为：{content}</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/csv_data.py" line="221"/>
        <source>line {line} of &apos;{path}&apos;: {column} = &apos;{cell}&apos; is not a finite number</source>
        <translation>&apos;{path}&apos; 的第 {line} 行：{column} = &apos;{cell}&apos; 不是有限数值</translation>
    </message>
    <message>
        <location filename="../../trainers/formats/csv_data.py" line="239"/>
        <source>line {line} of &apos;{path}&apos; cannot be read: {reason}</source>
        <translation>无法读取 &apos;{path}&apos; 的第 {line} 行：{reason}</translation>
    </message>
    <message>
        <location filename="../../trainers/experiment.py" line="61"/>
        <location filename="../../trainers/registry.py" line="27"/>
        <source>unknown backend &apos;{name}&apos; (choose from: {choices})</source>
        <translation>未知的后端 &apos;{name}&apos;（可选：{choices}）</translation>
    </message>
    <message>
        <location filename="../../trainers/schedule.py" line="31"/>
        <source>learning-rate change &apos;{text}&apos; should be STEP:LR, e.g. 500:0.01</source>
        <translation>学习率变更 &apos;{text}&apos; 应为 STEP:LR 的形式，例如 500:0.01</translation>
    </message>
    <message>
        <location filename="../../trainers/schedule.py" line="38"/>
        <source>learning-rate change &apos;{text}&apos;: the step cannot be negative</source>
        <translation>学习率变更 &apos;{text}&apos;：步数不能为负数</translation>
    </message>
    <message>
        <location filename="../../trainers/tensorflow_import.py" line="25"/>
        <source>TensorFlow could not be imported: {reason}</source>
        <translation>无法导入 TensorFlow：{reason}</translation>
    </message>
    <message>
        <location filename="../../trainers/tensorflow_import.py" line="39"/>
        <source>Keras could not be imported: {reason}</source>
        <translation>无法导入 Keras：{reason}</translation>
    </message>
    <message>
        <location filename="../../trainers/tensorflow_import.py" line="44"/>
        <source>Keras runs on &apos;{backend}&apos;; set KERAS_BACKEND=tensorflow to compare it with TensorFlow</source>
        <translation>Keras 当前运行在 &apos;{backend}&apos; 上；请设置 KERAS_BACKEND=tensorflow，才能与 TensorFlow 进行比较</translation>
    </message>
    <message>
        <location filename="../../trainers/base.py" line="130"/>
        <source>{backend} trains in float32, which cannot hold values as large as {value:g} (at most {limit:.3g}); rescale the data, or compare with the NumPy backend</source>
        <translation>{backend} 使用 float32 训练，无法容纳大到 {value:g} 的数值（最大 {limit:.3g}）；请缩放数据，或与 NumPy 后端比较</translation>
    </message>
    <message>
        <location filename="../../trainers/base.py" line="161"/>
        <source>backend {backend} has no engine &apos;{engine}&apos; (choose from: {choices})</source>
        <translation>后端 {backend} 没有执行方式 &apos;{engine}&apos;（可选：{choices}）</translation>
    </message>
    <message>
        <location filename="../../trainers/lr_schedules.py" line="64"/>
        <source>unknown learning-rate schedule &apos;{name}&apos; (choose from: {choices})</source>
        <translation>未知的学习率调度 &apos;{name}&apos;（可选：{choices}）</translation>
    </message>
    <message>
        <location filename="../../trainers/lr_schedules.py" line="80"/>
        <source>schedule option &apos;{text}&apos; should be KEY=VALUE, e.g. exponential:decay_steps=100,decay_rate=0.5 (a list&apos;s items are separated by &apos;/&apos;: piecewise_constant:boundaries=100/500,values=0.1/0.05/0.01)</source>
        <translation>调度选项 &apos;{text}&apos; 应为 KEY=VALUE，例如 exponential:decay_steps=100,decay_rate=0.5（列表的各项用 &apos;/&apos; 分隔：piecewise_constant:boundaries=100/500,values=0.1/0.05/0.01）</translation>
    </message>
    <message>
        <location filename="../../trainers/lr_schedules.py" line="100"/>
        <source>schedule {name} has no option &apos;{key}&apos; (its options: {keys})</source>
        <translation>调度 {name} 没有选项 &apos;{key}&apos;（它的选项：{keys}）</translation>
    </message>
    <message>
        <location filename="../../trainers/lr_schedules.py" line="175"/>
        <source>schedule {name} needs {keys} (Keras has no default for it)</source>
        <translation>调度 {name} 需要 {keys}（Keras 没有它的默认值）</translation>
    </message>
    <message>
        <location filename="../../trainers/lr_schedules.py" line="178"/>
        <source>schedule {name} needs {keys} (Keras has no default for them)</source>
        <translation>调度 {name} 需要 {keys}（Keras 没有它们的默认值）</translation>
    </message>
    <message>
        <location filename="../../trainers/lr_schedules.py" line="181"/>
        <source>plateau&apos;s {key} counts updates: a whole number, got {value}</source>
        <translation>plateau 的 {key} 以更新次数计：必须是整数，得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../trainers/lr_schedules.py" line="184"/>
        <source>plateau&apos;s factor must be below 1 (it multiplies the rate), got {value}</source>
        <translation>plateau 的 factor 必须小于 1（它乘以学习率），得到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../trainers/lr_schedules.py" line="293"/>
        <source>boundaries must be update counts (whole numbers from 0) in strictly increasing order, separated by &apos;{separator}&apos; (e.g. 100{separator}500), got &apos;{value}&apos;</source>
        <translation>boundaries 必须是严格递增的更新次数（从 0 起的整数），用 &apos;{separator}&apos; 分隔（例如 100{separator}500），得到的是 &apos;{value}&apos;</translation>
    </message>
    <message>
        <location filename="../../trainers/lr_schedules.py" line="298"/>
        <source>values must be learning rates above 0, at least two, separated by &apos;{separator}&apos; (e.g. 0.1{separator}0.05{separator}0.01), got &apos;{value}&apos;</source>
        <translation>values 必须是大于 0 的学习率，至少两个，用 &apos;{separator}&apos; 分隔（例如 0.1{separator}0.05{separator}0.01），得到的是 &apos;{value}&apos;</translation>
    </message>
    <message>
        <location filename="../../trainers/lr_schedules.py" line="303"/>
        <source>piecewise_constant needs one more value than boundaries (values[i] is the rate up to boundaries[i]), got {boundaries} boundaries and {values} values</source>
        <translation>piecewise_constant 的 values 需要比 boundaries 多一个（values[i] 是到 boundaries[i] 为止的学习率），得到的是 {boundaries} 个边界和 {values} 个值</translation>
    </message>
    <message>
        <location filename="../../trainers/optimizers.py" line="184"/>
        <source>backend {backend} cannot run optimizer &apos;{optimizer}&apos;: tf.compat.v1.train has no such optimizer</source>
        <translation>后端 {backend} 无法运行优化器 &apos;{optimizer}&apos;：tf.compat.v1.train 没有这个优化器</translation>
    </message>
    <message>
        <location filename="../../trainers/optimizers.py" line="189"/>
        <source>backend {backend} cannot run optimizer &apos;{optimizer}&apos;: {tf1_class} has no {key} (its formula uses {value}); leave {key} out or set it to {value}</source>
        <translation>后端 {backend} 无法运行优化器 &apos;{optimizer}&apos;：{tf1_class} 没有 {key}（其公式使用 {value}）；请省略 {key} 或将其设为 {value}</translation>
    </message>
    <message>
        <location filename="../../trainers/optimizers.py" line="194"/>
        <source>backend {backend} cannot run optimizer &apos;{optimizer}&apos;: AdagradOptimizer needs an initial_accumulator_value above 0</source>
        <translation>后端 {backend} 无法运行优化器 &apos;{optimizer}&apos;：AdagradOptimizer 需要大于 0 的 initial_accumulator_value</translation>
    </message>
    <message>
        <location filename="../../trainers/optimizers.py" line="201"/>
        <source>optimizer &apos;lion&apos; needs a beta_1 above 0 (Keras refuses 0: Lion would become sign descent)</source>
        <translation>优化器 &apos;lion&apos; 需要大于 0 的 beta_1（Keras 拒绝 0：那样 Lion 会退化为符号下降）</translation>
    </message>
    <message>
        <location filename="../../trainers/optimizers.py" line="252"/>
        <source>unknown optimizer &apos;{name}&apos; (choose from: {choices})</source>
        <translation>未知的优化器 &apos;{name}&apos;（可选：{choices}）</translation>
    </message>
    <message>
        <location filename="../../trainers/optimizers.py" line="268"/>
        <source>optimizer option &apos;{text}&apos; should be KEY=VALUE, e.g. momentum=0.9</source>
        <translation>优化器选项 &apos;{text}&apos; 应为 KEY=VALUE，例如 momentum=0.9</translation>
    </message>
    <message>
        <location filename="../../trainers/optimizers.py" line="275"/>
        <source>optimizer {optimizer} has no option &apos;{key}&apos; (its options: {keys})</source>
        <translation>优化器 {optimizer} 没有选项 &apos;{key}&apos;（它的选项：{keys}）</translation>
    </message>
    <message>
        <location filename="../../trainers/prediction.py" line="21"/>
        <source>no exact prediction for {optimizer}: an adaptive optimizer scales each step by running statistics of the gradients, so an update is not a fixed linear map</source>
        <translation>{optimizer} 没有精确预测：自适应优化器按梯度的滑动统计量缩放每一步，因此一次更新不是固定的线性映射</translation>
    </message>
    <message>
        <location filename="../../trainers/prediction.py" line="26"/>
        <source>no exact prediction for batches of {batch_size} of {n} points: every update follows its own batch&apos;s gradient, not the full one</source>
        <translation>{n} 个点中每批 {batch_size} 个时没有精确预测：每次更新沿的是该批自己的梯度，而不是全体数据的梯度</translation>
    </message>
    <message>
        <location filename="../../trainers/prediction.py" line="31"/>
        <source>no exact prediction on the {schedule} schedule: the learning rate, and with it the update&apos;s linear map, changes as training goes</source>
        <translation>{schedule} 学习率计划下没有精确预测：学习率随训练变化，更新的线性映射也随之变化</translation>
    </message>
    <message>
        <location filename="../../trainers/prediction.py" line="36"/>
        <source>no exact prediction once the learning rate is changed during the run: the prediction holds for one constant rate</source>
        <translation>训练中改变学习率后没有精确预测：预测只对一个固定的学习率成立</translation>
    </message>
    <message>
        <location filename="../../app/framework_loader.py" line="54"/>
        <source>TensorFlow did not finish loading within {seconds:g} s; the NumPy backend works without it</source>
        <translation>TensorFlow 未能在 {seconds:g} 秒内加载完成；NumPy 后端无需它即可运行</translation>
    </message>
    <message>
        <location filename="../../trainers/planned_paths.py" line="25"/>
        <source>predicted once Keras has built its model: its random start and its default learning rate are known only then</source>
        <translation>Keras 构建好模型后才能预测：它的随机起点和默认学习率要到那时才知道</translation>
    </message>
    <message>
        <location filename="../../trainers/run_summary.py" line="20"/>
        <source>constant rate</source>
        <translation>恒定学习率</translation>
    </message>
    <message>
        <location filename="../../trainers/run_summary.py" line="21"/>
        <source>exponential decay</source>
        <translation>指数衰减</translation>
    </message>
    <message>
        <location filename="../../trainers/run_summary.py" line="22"/>
        <source>inverse-time decay</source>
        <translation>逆时间衰减</translation>
    </message>
    <message>
        <location filename="../../trainers/run_summary.py" line="23"/>
        <source>piecewise constant</source>
        <translation>分段常数</translation>
    </message>
    <message>
        <location filename="../../trainers/run_summary.py" line="24"/>
        <source>cosine decay</source>
        <translation>余弦衰减</translation>
    </message>
    <message>
        <location filename="../../trainers/run_summary.py" line="25"/>
        <source>ReduceLROnPlateau</source>
        <translation>ReduceLROnPlateau</translation>
    </message>
</context>
</TS>
